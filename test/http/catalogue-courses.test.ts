import { expect } from 'chai';
import { Course, listCourseOptions } from '../../src/modules/catalogue';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { createCourse, createUnit } from '../support/catalogue-factories';
import { throughConfirm } from '../support/confirm';
import { formBody, formToken, mainText, signIn, submitForm } from '../support/http';

async function coordinator() {
  const ctx = buildApp();
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  return { ...ctx, agent: await signIn(ctx.app, 'koor@t.test', PASSWORD) };
}

const validCourse = (over: Record<string, string | string[]> = {}) => ({
  code: 'las-smaw-01',
  title_id: 'Pengelasan SMAW Pelat 3G',
  title_en: 'SMAW Plate Welding 3G',
  description_id: 'Las busur manual posisi vertikal.',
  description_en: 'Manual arc welding, vertical position.',
  trade: 'welding',
  durationHours: '40',
  unitId: ['', '', ''],
  unitLevel: ['', '', ''],
  defaultCapacity: '8',
  minAttendancePct: '',
  ...over,
});

describe('catalogue: courses', () => {
  it('lets a coordinator create a course with units, levels and prerequisites, and shows it all', async () => {
    const { agent } = await coordinator();
    const groove = await createUnit({ code: 'C.24LAS01.029.1', title: { id: 'Membuat Sambungan Las Kampuh', en: 'Groove welds' } });
    const k3 = await createUnit({ code: 'C.28LOG20.003.2', title: { id: 'Menerapkan Prinsip-prinsip K3', en: 'Apply K3' }, trade: 'safety' });
    const safety = await createCourse({ code: 'K3-01', title: { id: 'K3 di Bengkel Logam', en: 'Workshop safety' } });
    const res = await submitForm(agent, '/courses/new', '/courses', validCourse({
      unitId: [groove.id, '', k3.id],
      unitLevel: ['2', '', '3'],
      prerequisites: [safety.id],
    }));
    expect(res.status).to.equal(303);
    const saved = await Course.findOne({ code: 'LAS-SMAW-01' }).lean();
    expect(saved, 'code stored upper-case').to.not.equal(null);
    expect(res.headers.location).to.equal(`/courses/${saved!._id}`);
    expect(saved!.units.map((u) => [String(u.unit), u.level])).to.deep.equal([[groove.id, 2], [k3.id, 3]]);
    expect(saved!.prerequisites.map(String)).to.deep.equal([safety.id]);
    expect(saved).to.include({ durationHours: 40, defaultCapacity: 8, minAttendancePct: 80, active: true });

    const page = mainText((await agent.get(res.headers.location!).expect(200)).text);
    expect(page).to.include('LAS-SMAW-01').and.include('Pengelasan SMAW Pelat 3G').and.include('Las busur manual posisi vertikal.');
    expect(page).to.include('Pengelasan').and.include('40 jam').and.include('8 peserta').and.include('Hadir minimal 80 % pertemuan');
    expect(page).to.include('C.24LAS01.029.1').and.include('2 · Dengan bantuan');
    expect(page).to.include('C.28LOG20.003.2').and.include('3 · Mandiri');
    expect(page).to.include('K3-01 K3 di Bengkel Logam');
    const prereqPage = mainText((await agent.get(`/courses/${safety.id}`).expect(200)).text);
    expect(prereqPage).to.include('Menjadi prasyarat untuk').and.include('LAS-SMAW-01');
  });

  it('refuses bad input with 422 and Indonesian messages, keeping what was typed and writing nothing', async () => {
    const { agent } = await coordinator();
    const unit = await createUnit();
    const res = await submitForm(agent, '/courses/new', '/courses', validCourse({
      code: 'LAS SMAW',
      title_id: '',
      title_en: '',
      trade: '',
      durationHours: 'empat puluh',
      unitId: [unit.id, ''],
      unitLevel: ['', ''],
      defaultCapacity: '0',
      minAttendancePct: '120',
    }));
    expect(res.status).to.equal(422);
    const text = mainText(res.text);
    expect(text).to.include('Periksa kembali isian yang ditandai di bawah.');
    expect(text).to.include('Kode hanya boleh berisi huruf, angka dan tanda hubung');
    expect(text).to.include('Isi judul minimal dalam satu bahasa.');
    expect(text).to.include('Pilih bidang.');
    expect(text).to.include('Isi durasi dalam jam, bilangan bulat 1–1000.');
    expect(text).to.include('Pilih level yang dituju (1–4) untuk setiap unit yang dipilih.');
    expect(text).to.include('Isi kapasitas, bilangan bulat 1–200.');
    expect(text).to.include('Isi persentase kehadiran, bilangan bulat 0–100.');
    expect(res.text).to.include('value="LAS SMAW"').and.include('value="empat puluh"');
    expect(res.text, 'the chosen unit stays selected').to.match(new RegExp(`<option value="${unit.id}" selected>`));
    expect(await Course.countDocuments()).to.equal(0);

    const twice = await submitForm(agent, '/courses/new', '/courses', validCourse({ unitId: [unit.id, unit.id], unitLevel: ['1', '2'] }));
    expect(twice.status).to.equal(422);
    expect(mainText(twice.text)).to.include('Unit yang sama dipilih lebih dari sekali.');
    expect(await Course.countDocuments()).to.equal(0);
  });

  it('keeps course codes unique, whatever the case typed', async () => {
    const { agent } = await coordinator();
    await createCourse({ code: 'K3-01' });
    const res = await submitForm(agent, '/courses/new', '/courses', validCourse({ code: 'k3-01' }));
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Kode kursus ini sudah dipakai kursus lain.');
    expect(await Course.countDocuments()).to.equal(1);
  });

  it('edits a course and offers three empty unit rows more than it has', async () => {
    const { agent } = await coordinator();
    const unit = await createUnit();
    const course = await createCourse({ code: 'BUB-01', units: [{ unit: unit._id, level: 2 }] });
    const form = await agent.get(`/courses/${course.id}/edit`).expect(200);
    expect(form.text.match(/name="unitId"/g)).to.have.length(4);
    expect(form.text.match(/name="unitLevel"/g)).to.have.length(4);
    const res = await submitForm(agent, `/courses/${course.id}/edit`, `/courses/${course.id}`, validCourse({
      code: 'BUB-01', title_id: 'Membubut Dasar', title_en: '', trade: 'machining', durationHours: '32',
      unitId: [unit.id, '', '', ''], unitLevel: ['3', '', '', ''], minAttendancePct: '75',
    }));
    expect(res.status).to.equal(303);
    const saved = await Course.findById(course.id).lean();
    expect(saved).to.deep.include({ title: { id: 'Membubut Dasar', en: '' }, trade: 'machining', durationHours: 32, minAttendancePct: 75 });
    expect(saved!.units.map((u) => u.level)).to.deep.equal([3]);
  });

  it('refuses a course as its own prerequisite and prerequisites that go round in a loop, naming the loop', async () => {
    const { agent } = await coordinator();
    const a = await createCourse({ code: 'AAA-01' });
    const b = await createCourse({ code: 'BBB-01', prerequisites: [a._id] });
    const c = await createCourse({ code: 'CCC-01', prerequisites: [b._id] });

    const self = await submitForm(agent, `/courses/${a.id}/edit`, `/courses/${a.id}`, validCourse({ code: 'AAA-01', prerequisites: [a.id] }));
    expect(self.status).to.equal(422);
    expect(mainText(self.text)).to.include('Kursus tidak dapat menjadi prasyarat bagi dirinya sendiri.');

    const loop = await submitForm(agent, `/courses/${a.id}/edit`, `/courses/${a.id}`, validCourse({ code: 'AAA-01', prerequisites: [c.id] }));
    expect(loop.status).to.equal(422);
    expect(mainText(loop.text)).to.include('Prasyarat ini membuat kursus saling mensyaratkan: AAA-01 → CCC-01 → BBB-01 → AAA-01.');
    const stored = await Course.findById(a.id).lean();
    expect(stored!.prerequisites).to.deep.equal([]);
    expect(stored!.code).to.equal('AAA-01');
    expect(stored!.title?.id).to.equal(a.title?.id);
  });

  it('archives a course out of the default list and the scheduling choices, and brings it back', async () => {
    const { agent } = await coordinator();
    const course = await createCourse({ code: 'LAS-OAW-01' });
    const { done: archived } = await throughConfirm(agent, `/courses/${course.id}`, `/courses/${course.id}/archive`, {});
    expect(archived.status).to.equal(303);
    expect((await Course.findById(course.id).lean())!.active).to.equal(false);
    expect(mainText((await agent.get('/courses').expect(200)).text)).to.not.include('LAS-OAW-01');
    expect(mainText((await agent.get('/courses?status=archived').expect(200)).text)).to.include('LAS-OAW-01').and.include('Diarsipkan');
    expect((await listCourseOptions('id')).map((c) => c.code)).to.not.include('LAS-OAW-01');

    const again = await formToken(agent, `/courses/${course.id}`);
    await agent.post(`/courses/${course.id}/unarchive`).type('form').send(formBody({ _csrf: again })).expect(303);
    expect((await Course.findById(course.id).lean())!.active).to.equal(true);
    expect((await listCourseOptions('id')).map((c) => c.code)).to.include('LAS-OAW-01');
  });

  it('searches by code or title and filters by trade', async () => {
    const { agent } = await coordinator();
    await createCourse({ code: 'LAS-GMAW-01', title: { id: 'Pengelasan GMAW Pelat', en: 'GMAW' }, trade: 'welding' });
    await createCourse({ code: 'BUB-01', title: { id: 'Membubut Dasar', en: 'Basic Turning' }, trade: 'machining' });
    const byTitle = mainText((await agent.get('/courses?q=bubut').expect(200)).text);
    expect(byTitle).to.include('BUB-01').and.not.include('LAS-GMAW-01');
    const byCode = mainText((await agent.get('/courses?q=gmaw').expect(200)).text);
    expect(byCode).to.include('LAS-GMAW-01').and.not.include('BUB-01');
    const byTrade = mainText((await agent.get('/courses?trade=machining').expect(200)).text);
    expect(byTrade).to.include('BUB-01').and.not.include('LAS-GMAW-01');
    await agent.get('/courses?q=.*(&trade[$ne]=x&status=bogus').expect(200);
  });

  it('shows the title in the page language and falls back to the other language, marked with lang', async () => {
    const { app, agent } = await coordinator();
    const enOnly = await createCourse({ code: 'ENG-01', title: { id: '', en: 'Lean Manufacturing Basics' }, description: { en: 'Only in English.' } });
    const idOnly = await createCourse({ code: 'IND-01', title: { id: 'Dasar 5R di Bengkel', en: '' } });
    const both = await createCourse({ code: 'DUA-01', title: { id: 'Membaca Gambar Teknik', en: 'Reading Technical Drawings' } });

    const idPage = await agent.get(`/courses/${enOnly.id}`).expect(200);
    expect(idPage.text).to.match(/<span lang="en">Lean Manufacturing Basics<\/span>/);
    expect(idPage.text).to.match(/<p class="course-description" lang="en">Only in English.<\/p>/);
    const idList = await agent.get('/courses').expect(200);
    expect(idList.text).to.include('Membaca Gambar Teknik').and.not.include('Reading Technical Drawings');
    expect(idList.text).to.match(/lang="en">Lean Manufacturing Basics</);

    await createUser({ email: 'pekerja@t.test', roles: ['worker'], language: 'en' });
    const worker = await signIn(app, 'pekerja@t.test', PASSWORD);
    const enPage = await worker.get(`/courses/${idOnly.id}`).expect(200);
    expect(enPage.text).to.match(/<span lang="id">Dasar 5R di Bengkel<\/span>/);
    const enBoth = mainText((await worker.get(`/courses/${both.id}`).expect(200)).text);
    expect(enBoth).to.include('Reading Technical Drawings').and.not.include('Membaca Gambar Teknik');
  });

  it('lets a worker read a course page but not create or change courses', async () => {
    const { app } = buildApp();
    const course = await createCourse({ code: 'K3-01' });
    await createUser({ email: 'pekerja@t.test', roles: ['worker'] });
    const worker = await signIn(app, 'pekerja@t.test', PASSWORD);
    const page = await worker.get(`/courses/${course.id}`).expect(200);
    expect(page.text).to.not.include(`/courses/${course.id}/edit`).and.not.include('/archive');
    expect(page.text, 'no link to the list they cannot open').to.not.include('href="/courses"');
    await worker.get('/courses').expect(403);
    await worker.get('/courses/new').expect(403);
    const token = await formToken(worker, `/courses/${course.id}`);
    const res = await worker.post('/courses').type('form').send(formBody({ ...validCourse(), _csrf: token }));
    expect(res.status).to.equal(403);
    expect(await Course.countDocuments()).to.equal(1);
  });

  it('lets a manager and an instructor browse courses read-only; a manager cannot edit', async () => {
    const { app } = buildApp();
    const course = await createCourse({ code: 'K3-01', title: { id: 'K3 di Bengkel Logam', en: 'Safety' } });
    await createUser({ email: 'manajer@t.test', roles: ['manager'] });
    await createUser({ email: 'ins@t.test', roles: ['instructor'] });
    const manager = await signIn(app, 'manajer@t.test', PASSWORD);
    const list = await manager.get('/courses').expect(200);
    expect(mainText(list.text)).to.include('K3-01');
    expect(list.text).to.not.include('href="/courses/new"');
    await manager.get(`/courses/${course.id}/edit`).expect(403);
    const token = await formToken(manager, `/courses/${course.id}`);
    const res = await manager.post(`/courses/${course.id}`).type('form').send(formBody({ ...validCourse({ code: 'K3-01', title_id: 'Diubah' }), _csrf: token }));
    expect(res.status).to.equal(403);
    await manager.post(`/courses/${course.id}/archive`).type('form').send(formBody({ _csrf: token })).expect(403);
    const stored = await Course.findById(course.id).lean();
    expect(stored!.title?.id).to.equal('K3 di Bengkel Logam');
    expect(stored!.active).to.equal(true);

    const instructor = await signIn(app, 'ins@t.test', PASSWORD);
    expect(mainText((await instructor.get('/courses').expect(200)).text)).to.include('K3-01');
  });
});
