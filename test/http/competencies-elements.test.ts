import { expect } from 'chai';
import { CompetencyUnit } from '../../src/modules/catalogue';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm } from '../support/http';
import { createUnit } from '../support/competencies-factories';

async function coordinator() {
  const ctx = buildApp();
  await createUser({ email: 'koor@el.test', roles: ['coordinator'] });
  return { ...ctx, agent: await signIn(ctx.app, 'koor@el.test', PASSWORD) };
}

const unitFields = { code: 'C.24LAS01.029.1', title_id: 'Membuat Sambungan Las Kampuh', title_en: 'Groove welds', trade: 'welding' };

describe('competency units: elements and KUK on the unit page', () => {
  it('saves elements with numbered KUK in both languages and shows them on the unit page', async () => {
    const { agent } = await coordinator();
    const unit = await createUnit({ code: unitFields.code });
    const path = `/competency-units/${unit.id}`;
    const res = await submitForm(agent, path, path, {
      ...unitFields,
      el_title_id: ['Menyiapkan pengelasan sesuai WPS', 'Memeriksa hasil las', ''],
      el_title_en: ['Prepare the weld to the WPS', '', ''],
      el_kuk_id: ['WPS dibaca\nKampuh disiapkan', 'Cacat las visual diperiksa', ''],
      el_kuk_en: ['The WPS is read\nThe groove is prepared', '', ''],
    });
    expect(res.status).to.equal(303);
    const saved = await CompetencyUnit.findById(unit.id).lean();
    expect(saved!.elements).to.have.length(2);
    expect(saved!.elements[0]!.criteria.map((c) => c.text?.en)).to.deep.equal(['The WPS is read', 'The groove is prepared']);
    const id = mainText((await agent.get(path).expect(200)).text);
    expect(id).to.include('Elemen 1 Menyiapkan pengelasan sesuai WPS 1.1 WPS dibaca 1.2 Kampuh disiapkan');
    expect(id).to.include('Elemen 2 Memeriksa hasil las 2.1 Cacat las visual diperiksa');
    const enHtml = (await agent.get(`${path}?lng=en`).expect(200)).text;
    expect(mainText(enHtml)).to.include('Element 1 Prepare the weld to the WPS 1.1 The WPS is read 1.2 The groove is prepared');
    expect(enHtml).to.include('<span lang="id">Memeriksa hasil las</span>');
  });

  it('refuses KUK whose English lines do not match with 422, keeping the stored elements', async () => {
    const { agent } = await coordinator();
    const unit = await createUnit({ code: 'C.28LOG20.003.2' });
    await CompetencyUnit.updateOne({ _id: unit._id }, { $set: { elements: [{ title: { id: 'Lama', en: '' }, criteria: [{ text: { id: 'KUK lama', en: '' } }] }] } });
    const path = `/competency-units/${unit.id}`;
    const res = await submitForm(agent, path, path, {
      ...unitFields, code: 'C.28LOG20.003.2', title_id: '',
      el_title_id: ['Baru'], el_title_en: [''], el_kuk_id: ['a\nb'], el_kuk_en: ['only one'],
    });
    expect(res.status).to.equal(422);
    const text = mainText(res.text);
    expect(text).to.include('Jumlah baris KUK bahasa Inggris harus sama').and.include('Wajib diisi.');
    expect(res.text).to.include('>only one</textarea>');
    const saved = await CompetencyUnit.findById(unit.id).lean();
    expect(saved!.elements.map((e) => e.title?.id)).to.deep.equal(['Lama']);
    expect(saved!.title?.id).to.equal(unit.title!.id);
  });

  it('keeps the elements when a form without element fields is posted, and clears them when all rows are emptied', async () => {
    const { agent } = await coordinator();
    const unit = await createUnit({ code: 'C.28LOG12.008.2' });
    await CompetencyUnit.updateOne({ _id: unit._id }, { $set: { elements: [{ title: { id: 'Memilih alat ukur', en: '' }, criteria: [{ text: { id: 'Alat dipilih', en: '' } }] }] } });
    const path = `/competency-units/${unit.id}`;
    const fields = { code: 'C.28LOG12.008.2', title_id: 'Mengukur', trade: 'qc' };
    expect((await submitForm(agent, path, path, fields)).status).to.equal(303);
    expect((await CompetencyUnit.findById(unit.id).lean())!.elements).to.have.length(1);
    expect((await submitForm(agent, path, path, { ...fields, el_title_id: [''], el_title_en: [''], el_kuk_id: [''], el_kuk_en: [''] })).status).to.equal(303);
    expect((await CompetencyUnit.findById(unit.id).lean())!.elements).to.deep.equal([]);
    expect(mainText((await agent.get(path).expect(200)).text)).to.include('Elemen kompetensi unit ini belum dicatat.');
  });

  it('creates a unit with its elements from the new-unit form', async () => {
    const { agent } = await coordinator();
    const res = await submitForm(agent, '/competency-units/new', '/competency-units', {
      ...unitFields, el_title_id: ['Menyiapkan'], el_title_en: [''], el_kuk_id: ['WPS dibaca'], el_kuk_en: [''],
    });
    expect(res.status).to.equal(303);
    const saved = await CompetencyUnit.findOne({ code: unitFields.code }).lean();
    expect(saved!.elements[0]).to.deep.equal({ title: { id: 'Menyiapkan', en: '' }, criteria: [{ text: { id: 'WPS dibaca', en: '' } }] });
  });
});
