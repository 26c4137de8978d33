import { expect } from 'chai';
import { CompetencyUnit } from '../../src/modules/catalogue';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { createUnit } from '../support/catalogue-factories';
import { formBody, formToken, mainText, signIn, submitForm } from '../support/http';

async function coordinator() {
  const ctx = buildApp();
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  return { ...ctx, agent: await signIn(ctx.app, 'koor@t.test', PASSWORD) };
}

describe('catalogue: competency units', () => {
  it('creates a unit with its versioned SKKNI code and lists it with a synthetic label when so marked', async () => {
    const { agent } = await coordinator();
    const res = await submitForm(agent, '/competency-units/new', '/competency-units', {
      code: ' c.28log07.014.2 ', title_id: 'Memfrais Dasar', title_en: 'Basic milling', trade: 'machining', synthetic: 'on',
    });
    expect(res.status).to.equal(303);
    const saved = await CompetencyUnit.findOne({ code: 'C.28LOG07.014.2' }).lean();
    expect(saved).to.deep.include({ title: { id: 'Memfrais Dasar', en: 'Basic milling' }, trade: 'machining', synthetic: true });
    expect(res.headers.location).to.equal(`/competency-units/${saved!._id}`);
    await createUnit({ code: 'C.28LOG20.003.2', title: { id: 'Menerapkan Prinsip-prinsip K3', en: 'Apply K3' }, trade: 'safety' });

    const list = mainText((await agent.get('/competency-units').expect(200)).text);
    expect(list).to.include('C.28LOG07.014.2 sintetis Memfrais Dasar');
    expect(list).to.include('C.28LOG20.003.2 Menerapkan Prinsip-prinsip K3').and.not.include('C.28LOG20.003.2 sintetis');
    const welding = mainText((await agent.get('/competency-units?trade=safety').expect(200)).text);
    expect(welding).to.include('C.28LOG20.003.2').and.not.include('C.28LOG07.014.2');
    const en = mainText((await agent.get('/competency-units?lng=en').expect(200)).text);
    expect(en).to.include('C.28LOG07.014.2 synthetic Basic milling');
  });

  it('refuses a code without version, a missing title and trade with 422, writing nothing', async () => {
    const { agent } = await coordinator();
    const res = await submitForm(agent, '/competency-units/new', '/competency-units', {
      code: 'C28LOG07', title_id: '', title_en: '', trade: 'carpentry',
    });
    expect(res.status).to.equal(422);
    const text = mainText(res.text);
    expect(text).to.include('Kode unit harus lengkap dengan versi, contoh C.28LOG07.005.2.');
    expect(text).to.include('Wajib diisi.');
    expect(text).to.include('Pilih bidang.');
    expect(res.text).to.include('value="C28LOG07"');
    expect(await CompetencyUnit.countDocuments()).to.equal(0);
  });

  it('keeps unit codes unique, on create and on edit', async () => {
    const { agent } = await coordinator();
    await createUnit({ code: 'C.28LOG07.005.2' });
    const other = await createUnit({ code: 'C.28LOG09.002.2', title: { id: 'Membaca Gambar Teknik' } });
    const dup = await submitForm(agent, '/competency-units/new', '/competency-units', {
      code: 'C.28LOG07.005.2', title_id: 'Kembar', trade: 'machining',
    });
    expect(dup.status).to.equal(422);
    expect(mainText(dup.text)).to.include('Kode unit ini sudah terdaftar.');
    const edit = await submitForm(agent, `/competency-units/${other.id}`, `/competency-units/${other.id}`, {
      code: 'C.28LOG07.005.2', title_id: 'Membaca Gambar Teknik', trade: 'machining',
    });
    expect(edit.status).to.equal(422);
    expect(mainText(edit.text)).to.include('Kode unit ini sudah terdaftar.');
    expect(await CompetencyUnit.countDocuments()).to.equal(2);
    expect((await CompetencyUnit.findById(other.id).lean())!.code).to.equal('C.28LOG09.002.2');
  });

  it('edits a unit; without an English title English pages show the Indonesian one', async () => {
    const { agent } = await coordinator();
    const unit = await createUnit({ code: 'C.28LOG12.008.2', title: { id: 'Mengukur', en: 'Measuring' }, synthetic: true });
    const res = await submitForm(agent, `/competency-units/${unit.id}`, `/competency-units/${unit.id}`, {
      code: 'C.28LOG12.008.2', title_id: 'Mengukur dengan Menggunakan Alat Ukur', title_en: '', trade: 'qc',
    });
    expect(res.status).to.equal(303);
    const saved = await CompetencyUnit.findById(unit.id).lean();
    expect(saved).to.deep.include({ title: { id: 'Mengukur dengan Menggunakan Alat Ukur', en: '' }, trade: 'qc', synthetic: false });
    const en = mainText((await agent.get('/competency-units?lng=en').expect(200)).text);
    expect(en).to.include('Mengukur dengan Menggunakan Alat Ukur');
  });

  it('is for coordinators and admins only', async () => {
    const { app } = buildApp();
    const unit = await createUnit();
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    await createUser({ email: 'ins@t.test', roles: ['instructor'] });
    await createUser({ email: 'manajer@t.test', roles: ['manager'] });
    await (await signIn(app, 'admin@t.test', PASSWORD)).get('/competency-units').expect(200);
    const instructor = await signIn(app, 'ins@t.test', PASSWORD);
    await instructor.get('/competency-units').expect(403);
    const manager = await signIn(app, 'manajer@t.test', PASSWORD);
    await manager.get(`/competency-units/${unit.id}`).expect(403);
    const token = await formToken(manager, '/account/password');
    await manager
      .post(`/competency-units/${unit.id}`)
      .type('form')
      .send(formBody({ _csrf: token, code: 'C.99XXX01.001.1', title_id: 'Diubah', trade: 'qc' }))
      .expect(403);
    expect((await CompetencyUnit.findById(unit.id).lean())!.title?.id).to.equal(unit.title!.id);
  });
});
