import { expect } from 'chai';
import { AuditEntry } from '../../src/modules/audit';
import { Certificate, CertificationAssessment, CertificationScheme } from '../../src/modules/certificates';
import { ManualClock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm } from '../support/http';
import { createWorker } from '../support/people-factories';
import { createCertificate, createScheme } from '../support/certificates-factories';
import { createUnit } from '../support/catalogue-factories';

const NOW = wibToUtc('2026-06-15', '10:00')!;

async function setup() {
  const clock = new ManualClock(NOW);
  const ctx = buildApp({ clock });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'], name: 'Joko Susilo' });
  const workshop = await createWorkshop({ name: 'Logam Jaya Takaru' });
  const worker = await createWorker(workshop._id, { name: 'Slamet Riyadi' });
  const agent = await signIn(ctx.app, 'koor@t.test', PASSWORD);
  return { ...ctx, clock, workshop, worker, agent };
}

const assessmentFields = (worker: string, scheme: string, outcomes: Record<string, string>) => ({
  worker, scheme, date: '2026-06-10', tuk: 'TUK Sewaktu Bengkel Las LIK Takaru', assessorName: 'Sutrisno Hadiwijaya', assessorRegistration: 'met.000.012345 2019', ...outcomes,
});

describe('certificates: assessments and issuing (HTTP)', () => {
  it('records K/BK per unit of the scheme and issues a certificate only from an all-K assessment', async () => {
    const { agent, worker } = await setup();
    const scheme = await createScheme({ name: 'Juru Las SMAW 3G', validity: { kind: 'continuity', process: 'SMAW' } });
    const [u1, u2] = scheme.units.map(String) as [string, string];
    expect(mainText((await agent.get('/certificates/assessments/new').expect(200)).text)).to.include('Pilih skema dulu');
    const form = `/certificates/assessments/new?scheme=${scheme.id}`;
    expect(mainText((await agent.get(form).expect(200)).text)).to.include('Kompeten').and.include('Belum Kompeten');

    const missing = await submitForm(agent, form, '/certificates/assessments', assessmentFields(worker.id, scheme.id, { [`o_${u1}`]: 'K' }));
    expect(missing.status).to.equal(422);
    expect(mainText(missing.text)).to.include('Pilih K atau BK.');
    const badReg = await submitForm(agent, form, '/certificates/assessments', { ...assessmentFields(worker.id, scheme.id, { [`o_${u1}`]: 'K', [`o_${u2}`]: 'K' }), assessorRegistration: '??' });
    expect(badReg.status).to.equal(422);
    expect(mainText(badReg.text)).to.include('Nomor registrasi asesor tidak valid');
    expect(await CertificationAssessment.countDocuments()).to.equal(0);

    const bk = await submitForm(agent, form, '/certificates/assessments', assessmentFields(worker.id, scheme.id, { [`o_${u1}`]: 'K', [`o_${u2}`]: 'BK' }));
    expect(bk.status).to.equal(303);
    const bkPage = mainText((await agent.get(bk.headers.location!).expect(200)).text);
    expect(bkPage).to.include('BK · Belum Kompeten').and.include('Sertifikat hanya dapat diterbitkan bila semua unit Kompeten');
    const forced = await submitForm(agent, bk.headers.location!, `${bk.headers.location}/issue`, { issueDate: '2026-06-12' });
    expect(forced.status).to.equal(422);
    expect(await Certificate.countDocuments()).to.equal(0);

    const ok = await submitForm(agent, form, '/certificates/assessments', assessmentFields(worker.id, scheme.id, { [`o_${u1}`]: 'K', [`o_${u2}`]: 'K' }));
    const saved = await CertificationAssessment.findById(ok.headers.location!.split('/').pop()).lean();
    expect(saved!.assessor).to.deep.equal({ name: 'Sutrisno Hadiwijaya', registration: 'MET.000.012345 2019' });
    const future = await submitForm(agent, ok.headers.location!, `${ok.headers.location}/issue`, { issueDate: '2026-06-16' });
    expect(future.status).to.equal(422);
    expect(mainText(future.text)).to.include('Tanggal tidak boleh di masa depan.');
    const issued = await submitForm(agent, ok.headers.location!, `${ok.headers.location}/issue`, { issueDate: '2026-06-12' });
    expect(issued.status).to.equal(303);
    const page = mainText((await agent.get(issued.headers.location!).expect(200)).text);
    expect(page).to.include('TKR/2026/LAS/000001').and.include('Slamet Riyadi').and.include('Berlaku').and.include('Jejak audit').and.include('Diterbitkan').and.include('Joko Susilo');
    expect(page).to.include('http://skills.takaru.test/verify/');
  });

  it('keeps schemes: a continuity rule needs a process, names are unique', async () => {
    const { agent } = await setup();
    const unit = await createUnit();
    const fields = { name: 'Juru Las GMAW', kkniLevel: '2', issuerKind: 'lsp', issuerName: 'LSP Teknik Las', trade: 'welding', units: [unit.id], validityKind: 'continuity', years: '', process: '', active: 'true' };
    const noProcess = await submitForm(agent, '/certificates/schemes/new', '/certificates/schemes', fields);
    expect(noProcess.status).to.equal(422);
    expect(mainText(noProcess.text)).to.include('Pilih proses las untuk aturan ini.');
    expect((await submitForm(agent, '/certificates/schemes/new', '/certificates/schemes', { ...fields, process: 'GMAW' })).status).to.equal(303);
    const s = await CertificationScheme.findOne({ name: 'Juru Las GMAW' }).lean();
    expect(s!.validity).to.include({ kind: 'continuity', process: 'GMAW' });
    const again = await submitForm(agent, '/certificates/schemes/new', '/certificates/schemes', { ...fields, process: 'GMAW' });
    expect(again.status).to.equal(422);
    expect(await CertificationScheme.countDocuments()).to.equal(1);
    const edit = await submitForm(agent, `/certificates/schemes/${s!._id}/edit`, `/certificates/schemes/${s!._id}`, { ...fields, kkniLevel: '3', validityKind: 'fixed_term', years: '5' });
    expect(edit.status).to.equal(303);
    expect((await CertificationScheme.findById(s!._id).lean())!.validity).to.include({ kind: 'fixed_term', years: 5 });
  });
});

describe('certificates: revocation and renewal (HTTP)', () => {
  it('needs a reason to revoke; shows the renewal chain, the revocation and the audit trail', async () => {
    const { agent, clock, worker } = await setup();
    const old = await createCertificate(clock, { worker, issueDate: '2023-07-01' });
    const page = `/certificates/${old.id}`;
    const renewed = await submitForm(agent, page, `${page}/renew`, { issueDate: '2026-06-01', assessment: '' });
    expect(renewed.status).to.equal(303);
    const newId = renewed.headers.location!.split('/').pop()!;
    const short = await submitForm(agent, `/certificates/${newId}`, `/certificates/${newId}/revoke`, { reason: 'salah' });
    expect(short.status).to.equal(422);
    expect(mainText(short.text)).to.include('Tulis alasan pencabutan');
    expect(await Certificate.findById(newId).lean()).to.not.have.property('revokedAt');
    const revoked = await submitForm(agent, `/certificates/${newId}`, `/certificates/${newId}/revoke`, { category: 'assessment_invalid', reason: 'Dicabut LSP: uji radiografi ulang gagal' });
    expect(revoked.status).to.equal(303);
    const text = mainText((await agent.get(`/certificates/${newId}`).expect(200)).text);
    expect(text).to.include('Dicabut').and.include('Dicabut oleh Joko Susilo').and.include('uji radiografi ulang gagal');
    expect(text).to.include('Riwayat perpanjangan').and.include(old.number).and.include('Diterbitkan sebagai perpanjangan');
    expect(text).to.not.include('Cabut sertifikat');
    expect(mainText((await agent.get(page).expect(200)).text)).to.include('Diperpanjang').and.not.include('Perpanjang sertifikat');
    expect(await AuditEntry.countDocuments({ action: 'certificate.revoke' })).to.equal(1);
  });
});

describe('certificates: lists and authorisation (HTTP)', () => {
  it('lists by computed status and by number or name; per worker', async () => {
    const { agent, clock, worker, workshop } = await setup();
    const valid = await createCertificate(clock, { worker, issueDate: '2026-01-01' });
    const expired = await createCertificate(clock, { worker: await createWorker(workshop._id, { name: 'Budi Santoso' }), issueDate: '2020-01-01' });
    const expiredList = mainText((await agent.get('/certificates?status=expired').expect(200)).text);
    expect(expiredList).to.include(expired.number).and.include('Budi Santoso').and.not.include(valid.number);
    expect(mainText((await agent.get(`/certificates?q=${encodeURIComponent(valid.number)}`).expect(200)).text)).to.include('Slamet Riyadi').and.not.include('Budi Santoso');
    expect(mainText((await agent.get(`/workers/${worker.id}/certificates`).expect(200)).text)).to.include(valid.number).and.not.include(expired.number);
    await agent.get('/certificates?status=nonsense').expect(200);
  });

  it('shows a worker only their own certificates, with status, days left, QR and links on "My certificates"', async () => {
    const { app, clock, workshop } = await setup();
    const user = await createUser({ email: 'ahmad@t.test', roles: ['worker'], workshop: workshop._id });
    const me = await createWorker(workshop._id, { name: 'Ahmad Nurhadi', user: user._id });
    const mine = await createCertificate(clock, { worker: me, issueDate: '2023-07-01', verifyCode: 'MINEmineMINEmineMINEmineMINEmine' });
    const other = await createCertificate(clock, { worker: await createWorker(workshop._id, { name: 'Budi Santoso' }), issueDate: '2026-01-01' });
    const agent = await signIn(app, 'ahmad@t.test', PASSWORD);
    const res = await agent.get('/my/certificates').expect(200);
    const text = mainText(res.text);
    expect(text).to.include(mine.number).and.include('Segera berakhir').and.include('Sisa 16 hari').and.not.include(other.number);
    expect(res.text).to.include('src="data:image/png;base64,');
    expect(res.text).to.include('http://skills.takaru.test/verify/MINEmineMINEmineMINEmineMINEmine');
    expect(res.text).to.include(`/certificates/${mine.id}.pdf`);
    await agent.get(`/certificates/${mine.id}`).expect(200);
    await agent.get(`/certificates/${other.id}`).expect(404);
    await agent.get('/certificates').expect(403);
    expect(mainText((await agent.get(`/certificates/${mine.id}`)).text)).to.not.include('Jejak audit');
  });

  it('shows a manager their workshop\'s certificates only', async () => {
    const { app, clock, worker, workshop } = await setup();
    const otherShop = await createWorkshop({ name: 'Sinar Baja Tegal' });
    const ours = await createCertificate(clock, { worker, issueDate: '2026-01-01' });
    const theirs = await createCertificate(clock, { worker: await createWorker(otherShop._id, { name: 'Budi Santoso' }), issueDate: '2026-01-01' });
    await createUser({ email: 'mgr@t.test', roles: ['manager'], workshop: workshop._id });
    const agent = await signIn(app, 'mgr@t.test', PASSWORD);
    const list = mainText((await agent.get(`/certificates?workshop=${otherShop.id}`).expect(200)).text);
    expect(list).to.include(ours.number).and.not.include(theirs.number);
    await agent.get(`/certificates/${ours.id}`).expect(200);
    await agent.get(`/certificates/${theirs.id}`).expect(404);
    await agent.get(`/certificates/${theirs.id}.pdf`).expect(404);
    await agent.get(`/workers/${String((await Certificate.findById(theirs.id).lean())!.worker)}/certificates`).expect(404);
    const refused = await submitForm(agent, `/certificates/${ours.id}`, `/certificates/${ours.id}/revoke`, { reason: 'Manajer tidak berhak' });
    expect(refused.status).to.equal(403);
    expect(await Certificate.findById(ours.id).lean()).to.not.have.property('revokedAt');
  });
});
