import { expect } from 'chai';
import request from 'supertest';
import { User } from '../../src/modules/accounts';
import { AuditEntry } from '../../src/modules/audit';
import { Certificate } from '../../src/modules/certificates';
import { Meeting, TrainingSession } from '../../src/modules/scheduling';
import { Worker } from '../../src/modules/workers';
import { ManualClock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { csrfFrom, formBody, mainText, signIn, submitForm } from '../support/http';
import { createWorker, csvFile, ID_HEADERS, importIdFrom, uploadImport } from '../support/people-factories';
import { createCertificate, createScheme, pdfBytes } from '../support/certificates-factories';
import { makeCourse, makeInstructor, makeRoom } from '../support/scheduling-factories';

/** The CSRF token and the one-time form token of a form page, as a browser would post them. */
function tokensOf(html: string): { _csrf: string; formToken: string } {
  const formToken = /name="formToken" value="([^"]+)"/.exec(html)?.[1];
  if (!formToken) throw new Error('no one-time form token in page');
  return { _csrf: csrfFrom(html), formToken };
}

async function coordinatorApp(now: Date) {
  const ctx = buildApp({ clock: new ManualClock(now) });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  const agent = await signIn(ctx.app, 'koor@t.test', PASSWORD);
  return { ...ctx, agent };
}

describe('one-time actions: done once under parallel submission', () => {
  it('saves one certificate for four parallel posts of one history form, and sends the others to it', async () => {
    const { agent } = await coordinatorApp(wibToUtc('2026-06-15', '10:00')!);
    const worker = await createWorker((await createWorkshop())._id, { name: 'Slamet Riyadi' });
    const scheme = await createScheme({ trade: 'qc' });
    const tokens = tokensOf((await agent.get('/certificates/history').expect(200)).text);
    const post = () => {
      let req = agent.post('/certificates/history').field('_csrf', tokens._csrf).field('formToken', tokens.formToken);
      const fields = { worker: worker.id, scheme: scheme.id, issueDate: '15/03/2021', originalNumber: 'LSP/QC/2021/0456' };
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      for (const u of scheme.units) req = req.field('units', String(u));
      return req.attach('file', pdfBytes(), 'scan.pdf');
    };
    const answers = await Promise.all([post(), post(), post(), post()]);
    expect(await Certificate.countDocuments()).to.equal(1);
    const cert = await Certificate.findOne().lean();
    expect(answers.map((a) => a.status)).to.deep.equal([303, 303, 303, 303]);
    for (const a of answers) expect(a.headers.location).to.equal(`/certificates/${cert!._id}`);
  });

  it('refuses a second certificate with the same original number for the same holder', async () => {
    const { agent } = await coordinatorApp(wibToUtc('2026-06-15', '10:00')!);
    const worker = await createWorker((await createWorkshop())._id);
    const scheme = await createScheme({ trade: 'qc' });
    // Two form pages opened one after the other; the session's CSRF token is the latest page's.
    const first = tokensOf((await agent.get('/certificates/history').expect(200)).text);
    const second = tokensOf((await agent.get('/certificates/history').expect(200)).text);
    const post = (formToken: string) => {
      let req = agent.post('/certificates/history').field('_csrf', second._csrf).field('formToken', formToken);
      for (const [k, v] of Object.entries({ worker: worker.id, scheme: scheme.id, issueDate: '15/03/2021', originalNumber: 'lsp/qc/2021/0456 ' })) req = req.field(k, v);
      for (const u of scheme.units) req = req.field('units', String(u));
      return req.attach('file', pdfBytes(), 'scan.pdf');
    };
    const [a, b] = await Promise.all([post(first.formToken), post(second.formToken)]);
    expect([a.status, b.status].sort()).to.deep.equal([303, 422]);
    expect(mainText((a.status === 422 ? a : b).text)).to.include('Nomor asli ini sudah tercatat untuk pekerja ini');
    expect(await Certificate.countDocuments()).to.equal(1);
  });

  it('records one revocation for four parallel revocations and tells the other three', async () => {
    const { agent, clock } = await coordinatorApp(wibToUtc('2026-06-15', '10:00')!);
    const worker = await createWorker((await createWorkshop())._id);
    const cert = await createCertificate(clock, { worker: { _id: worker._id, name: worker.name }, issueDate: '2026-01-10' });
    const token = csrfFrom((await agent.get(`/certificates/${cert.id}`).expect(200)).text);
    const revoke = (n: number) => agent.post(`/certificates/${cert.id}/revoke`).type('form').send(formBody({ _csrf: token, category: 'error', reason: `Alasan pencabutan nomor ${n}` }));
    const answers = await Promise.all([1, 2, 3, 4].map(revoke));
    expect(await AuditEntry.countDocuments({ action: 'certificate.revoke' })).to.equal(1);
    expect(answers.map((a) => a.status).sort()).to.deep.equal([303, 422, 422, 422]);
    for (const a of answers.filter((x) => x.status === 422)) expect(mainText(a.text)).to.include('sudah dicabut');
    const saved = await Certificate.findById(cert.id).lean();
    const recorded = await AuditEntry.findOne({ action: 'certificate.revoke' }).lean();
    expect((recorded!.details as { reason: string }).reason).to.equal(saved!.revocationReason);
  });

  describe('sessions', () => {
    const NOW = new Date('2026-12-01T02:00:00Z');
    const sessionFields = (course: string, room: string, instructor: string, start: string, end: string) => ({
      course, instructors: [instructor], room, capacity: '8', state: 'open', cutoffHours: '24', notes: '',
      plan: 'list', meetingDate: ['2026-12-07'], meetingStart: [start], meetingEnd: [end],
    });

    it('creates one session for four parallel posts of one form', async () => {
      const { agent } = await coordinatorApp(NOW);
      const [course, room, instructor] = [await makeCourse(), await makeRoom(), await makeInstructor()];
      const tokens = tokensOf((await agent.get('/sessions/new').expect(200)).text);
      const post = () => agent.post('/sessions').type('form').send(formBody({ ...sessionFields(course.id, room.id, instructor.id, '08:00', '12:00'), ...tokens }));
      const answers = await Promise.all([post(), post(), post(), post()]);
      expect(await TrainingSession.countDocuments()).to.equal(1);
      expect(await Meeting.countDocuments()).to.equal(1);
      const session = await TrainingSession.findOne().lean();
      for (const a of answers) {
        expect(a.status, mainText(a.text ?? '')).to.equal(303);
        expect(a.headers.location).to.equal(`/sessions/${session!._id}`);
      }
    });

    it('books a room once when two different sessions claim it at overlapping times in parallel', async () => {
      const { agent } = await coordinatorApp(NOW);
      const room = await makeRoom({ name: 'Bengkel Las 1' });
      const prepare = async (start: string, end: string) => {
        const [course, instructor] = [await makeCourse(), await makeInstructor()];
        const { formToken } = tokensOf((await agent.get('/sessions/new').expect(200)).text);
        return { ...sessionFields(course.id, room.id, instructor.id, start, end), formToken };
      };
      const forms = [await prepare('08:00', '12:00'), await prepare('10:00', '14:00')];
      const _csrf = csrfFrom((await agent.get('/sessions/new').expect(200)).text);
      const answers = await Promise.all(forms.map((f) => agent.post('/sessions').type('form').send(formBody({ ...f, _csrf }))));
      const [a, b] = [answers[0]!, answers[1]!];
      expect([a.status, b.status].sort()).to.deep.equal([303, 409]);
      expect(mainText((a.status === 409 ? a : b).text)).to.include('Bengkel Las 1 sudah dipakai');
      expect(await TrainingSession.countDocuments()).to.equal(1);
    });

    it('books an instructor once when two sessions in different rooms claim them in parallel', async () => {
      const { agent } = await coordinatorApp(NOW);
      const instructor = await makeInstructor({ name: 'Pak Darmo' });
      const prepare = async () => {
        const [course, room] = [await makeCourse(), await makeRoom()];
        const { formToken } = tokensOf((await agent.get('/sessions/new').expect(200)).text);
        return { ...sessionFields(course.id, room.id, instructor.id, '08:00', '12:00'), formToken };
      };
      const forms = [await prepare(), await prepare()];
      const _csrf = csrfFrom((await agent.get('/sessions/new').expect(200)).text);
      const answers = await Promise.all(forms.map((f) => agent.post('/sessions').type('form').send(formBody({ ...f, _csrf }))));
      const [a, b] = [answers[0]!, answers[1]!];
      expect([a.status, b.status].sort()).to.deep.equal([303, 409]);
      expect(mainText((a.status === 409 ? a : b).text)).to.include('Pak Darmo sudah mengajar');
      expect(await TrainingSession.countDocuments()).to.equal(1);
    });
  });

  it('writes an import once for two parallel confirmations; the second is told, with the result', async () => {
    const { agent } = await coordinatorApp(new Date());
    await createWorkshop({ name: 'Logam Jaya Takaru', legalForm: 'CV' });
    const uploaded = await uploadImport(agent, csvFile([
      ID_HEADERS,
      ['Slamet Riyadi', '0812-2600-1001', '', 'Logam Jaya Takaru', 'Las', '', '', ''],
      ['Siti Aminah', '0812-2600-1002', '', 'Logam Jaya Takaru', 'Perakitan', '', '', ''],
    ]), 'pekerja.csv');
    const id = importIdFrom(uploaded.headers.location);
    const token = csrfFrom((await agent.get(`/workers/import/${id}`).expect(200)).text);
    const confirm = () => agent.post(`/workers/import/${id}/confirm`).type('form').send(formBody({ _csrf: token, mode: 'all' }));
    const answers = await Promise.all([confirm(), confirm()]);
    expect(await Worker.countDocuments()).to.equal(2);
    expect(answers.map((a) => a.status).sort()).to.deep.equal([303, 422]);
    const told = mainText(answers.find((a) => a.status === 422)!.text);
    expect(told).to.include('Impor ini sudah disimpan sebelumnya.').and.include('Impor selesai: 2 pekerja baru, 0 diperbarui, 0 dilewati.');
  });

  it('keeps a login an admin deactivated off when a coordinator switches the worker record off and on', async () => {
    const { app, agent: koor } = await coordinatorApp(new Date());
    await createUser({ email: 'admin@t.test', roles: ['admin'] });
    const login = await createUser({ email: 'budi@t.test', roles: ['worker'] });
    const worker = await createWorker(login.workshop!, { user: login._id });
    const admin = await signIn(app, 'admin@t.test', PASSWORD);
    expect((await submitForm(admin, `/admin/users/${login.id}`, `/admin/users/${login.id}/active`, { active: 'false' })).status).to.equal(303);

    const toggle = (active: string) => submitForm(koor, `/workers/${worker.id}`, `/workers/${worker.id}/active`, { active });
    expect((await toggle('false')).status).to.equal(303);
    const on = await toggle('true');
    expect(on.status).to.equal(303);
    expect((await Worker.findById(worker.id).lean())!.active).to.equal(true);
    expect((await User.findById(login.id).lean())!.active).to.equal(false);
    expect(mainText((await koor.get(on.headers.location!).expect(200)).text)).to.include('dinonaktifkan oleh admin');
    const refused = await submitForm(request.agent(app), '/login', '/login', { identifier: 'budi@t.test', password: PASSWORD });
    expect(refused.status).to.equal(401);
  });

  it('still re-opens a login that switching the worker record off closed', async () => {
    const { app, agent: koor } = await coordinatorApp(new Date());
    const login = await createUser({ email: 'siti@t.test', roles: ['worker'] });
    const worker = await createWorker(login.workshop!, { user: login._id });
    const toggle = (active: string) => submitForm(koor, `/workers/${worker.id}`, `/workers/${worker.id}/active`, { active });
    expect((await toggle('false')).status).to.equal(303);
    expect((await User.findById(login.id).lean())!.active).to.equal(false);
    expect((await toggle('true')).status).to.equal(303);
    expect((await User.findById(login.id).lean())!.active).to.equal(true);
    await signIn(app, 'siti@t.test', PASSWORD);
  });
});
