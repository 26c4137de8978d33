import { expect } from 'chai';
import request from 'supertest';
import { Certificate, CertificateNumber } from '../../src/modules/certificates';
import { ManualClock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn, submitForm, type Agent } from '../support/http';
import { createWorker } from '../support/people-factories';
import { createCertificate, createScheme, pdfBytes, pngBytes, uploadHistory } from '../support/certificates-factories';

const NOW = wibToUtc('2026-06-15', '10:00')!;
const ORIGINAL = 'LSP-TLP/2025/0456';
const ISSUER = 'LSP Teknik Las Pratama';

async function setup() {
  const clock = new ManualClock(NOW);
  const ctx = buildApp({ clock });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'], name: 'Joko Susilo' });
  const workshop = await createWorkshop({ name: 'Logam Jaya Takaru' });
  const user = await createUser({ email: 'ahmad@t.test', roles: ['worker'], workshop: workshop._id });
  const me = await createWorker(workshop._id, { name: 'Ahmad Nurhadi', user: user._id });
  const scheme = await createScheme({ name: 'Juru Las SMAW 3G' });
  await scheme.updateOne({ $set: { issuingBody: { kind: 'lsp', name: ISSUER } } });
  const koor = await signIn(ctx.app, 'koor@t.test', PASSWORD);
  const worker = await signIn(ctx.app, 'ahmad@t.test', PASSWORD);
  return { ...ctx, clock, workshop, me, scheme, koor, worker };
}

const bytesOf = (agent: Agent, path: string) =>
  agent.get(path).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

describe('certificates: what the pages tell is true', () => {
  it('keeps a history entry under its original number and issuer, and its "PDF" is the stored scan', async () => {
    const { app, koor, worker, me, scheme } = await setup();
    const scan = pdfBytes();
    const fields = { worker: me.id, scheme: scheme.id, issueDate: '2025-05-23', originalNumber: ORIGINAL, units: scheme.units.map(String) };
    expect((await uploadHistory(koor, fields, { bytes: scan, name: 'lsp.pdf' })).status).to.equal(303);
    const cert = (await Certificate.findOne().lean())!;
    expect(await CertificateNumber.countDocuments(), 'no TKR number is taken for an external certificate').to.equal(0);

    const page = (await koor.get(`/certificates/${cert._id}`).expect(200)).text;
    const verify = (await request(app).get(`/verify/${cert.verifyCode}`).expect(200)).text;
    const mine = (await worker.get('/my/certificates').expect(200)).text;
    const list = (await koor.get('/certificates').expect(200)).text;
    const perWorker = (await koor.get(`/workers/${me.id}/certificates`).expect(200)).text;
    for (const [name, html] of Object.entries({ page, verify, mine, list, perWorker })) {
      expect(mainText(html), name).to.include(ORIGINAL).and.not.include('TKR/');
    }
    expect(mainText(page)).to.include(ISSUER);
    expect(mainText(verify)).to.include(ISSUER);

    const pdf = await bytesOf(koor, `/certificates/${cert._id}.pdf`).expect(200);
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    expect(Buffer.compare(pdf.body as Buffer, scan), 'the download is the scan itself').to.equal(0);
    expect(pdf.headers['content-disposition']).to.not.include('TKR');
  });

  it('needs the original number, and refuses one that another certificate already carries (422, not 500)', async () => {
    const { koor, me, scheme, workshop } = await setup();
    const fields = { worker: me.id, scheme: scheme.id, issueDate: '2025-05-23', originalNumber: '', units: scheme.units.map(String) };
    const missing = await uploadHistory(koor, fields, { bytes: pdfBytes(), name: 'lsp.pdf' });
    expect(missing.status).to.equal(422);
    expect(await Certificate.countDocuments()).to.equal(0);
    expect((await uploadHistory(koor, { ...fields, originalNumber: ORIGINAL }, { bytes: pdfBytes(), name: 'lsp.pdf' })).status).to.equal(303);
    const other = await createWorker(workshop._id, { name: 'Budi Santoso' });
    const taken = await uploadHistory(koor, { ...fields, worker: other.id, originalNumber: ORIGINAL }, { bytes: pdfBytes(), name: 'lsp.pdf' });
    expect(taken.status).to.equal(422);
    expect(mainText(taken.text)).to.include('Nomor ini sudah tercatat pada sertifikat lain');
    expect(await Certificate.countDocuments()).to.equal(1);
  });

  it('serves a PNG scan with its own type at the download link', async () => {
    const { koor, me, scheme } = await setup();
    const scan = pngBytes();
    const fields = { worker: me.id, scheme: scheme.id, issueDate: '2025-05-23', originalNumber: ORIGINAL, units: scheme.units.map(String) };
    expect((await uploadHistory(koor, fields, { bytes: scan, name: 'lsp.png' })).status).to.equal(303);
    const cert = (await Certificate.findOne().lean())!;
    const file = await bytesOf(koor, `/certificates/${cert._id}.pdf`).expect(200);
    expect(file.headers['content-type']).to.equal('image/png');
    expect(Buffer.compare(file.body as Buffer, scan)).to.equal(0);
  });

  it('shows a revoked certificate with its revocation date and category, no validity date and not the private reason', async () => {
    const { app, clock, koor, worker, me } = await setup();
    const cert = await createCertificate(clock, { worker: me, issueDate: '2024-05-23', verifyCode: 'REVOKEDrevokedREVOKEDrevoked0003' });
    const bad = await submitForm(koor, `/certificates/${cert.id}`, `/certificates/${cert.id}/revoke`, { category: 'nonsense', reason: 'Rahasia: portofolio dipalsukan oleh pemohon' });
    expect(bad.status).to.equal(422);
    const done = await submitForm(koor, `/certificates/${cert.id}`, `/certificates/${cert.id}/revoke`, { category: 'fraud', reason: 'Rahasia: portofolio dipalsukan oleh pemohon' });
    expect(done.status).to.equal(303);
    expect(await Certificate.findById(cert.id).lean()).to.include({ revocationCategory: 'fraud' });

    const verify = mainText((await request(app).get('/verify/REVOKEDrevokedREVOKEDrevoked0003').expect(200)).text);
    const mine = mainText((await worker.get('/my/certificates').expect(200)).text);
    const own = mainText((await worker.get(`/certificates/${cert.id}`).expect(200)).text);
    for (const [name, text] of Object.entries({ verify, mine, own })) {
      expect(text, name).to.include('Dicabut pada 15 Jun 2026').and.include('Pemalsuan atau kecurangan');
      expect(text, name).to.not.include('sampai dengan').and.not.include('23 Mei 2027').and.not.include('dipalsukan');
    }
    const en = mainText((await request(app).get('/verify/REVOKEDrevokedREVOKEDrevoked0003?lng=en').expect(200)).text);
    expect(en).to.include('Revoked on 15 Jun 2026').and.not.include('until');
    expect(mainText((await koor.get(`/certificates/${cert.id}`).expect(200)).text), 'the coordinator still reads the reason').to.include('portofolio dipalsukan');
  });

  it('shows an old revocation without a category as "other"', async () => {
    const { app, clock, me } = await setup();
    const cert = await createCertificate(clock, { worker: me, issueDate: '2024-05-23', verifyCode: 'OLDREVOKEDoldrevokedOLDREVOKED05' });
    await Certificate.updateOne({ _id: cert.id }, { $set: { revokedAt: wibToUtc('2026-01-10', '09:00'), revocationReason: 'Catatan lama' } });
    const text = mainText((await request(app).get('/verify/OLDREVOKEDoldrevokedOLDREVOKED05').expect(200)).text);
    expect(text).to.include('Dicabut pada 10 Jan 2026').and.include('Alasan lain').and.not.include('Catatan lama');
  });

  it('says "renewed as <number>" with a link to the new certificate\'s check, on /verify and "My certificates"', async () => {
    const { app, clock, koor, worker, me } = await setup();
    const old = await createCertificate(clock, { worker: me, issueDate: '2023-05-01', verifyCode: 'OLDoldOLDoldOLDoldOLDoldOLDold06' });
    const renewed = await submitForm(koor, `/certificates/${old.id}`, `/certificates/${old.id}/renew`, { issueDate: '2026-06-01', assessment: '' });
    expect(renewed.status).to.equal(303);
    const next = (await Certificate.findOne({ renews: old.id }).lean())!;
    const verify = await request(app).get('/verify/OLDoldOLDoldOLDoldOLDoldOLDold06').expect(200);
    expect(mainText(verify.text)).to.include(`Diperpanjang menjadi ${next.number}`);
    expect(verify.text).to.include(`/verify/${next.verifyCode}"`);
    const en = mainText((await request(app).get('/verify/OLDoldOLDoldOLDoldOLDoldOLDold06?lng=en').expect(200)).text);
    expect(en).to.include(`Renewed as ${next.number}`);
    const mine = (await worker.get('/my/certificates').expect(200)).text;
    expect(mainText(mine)).to.include(`Diperpanjang menjadi ${next.number}`);
    expect(mine).to.include(`/verify/${next.verifyCode}"`);
  });

  it('answers an unknown code with 404 and a page for the verifier: what to check and a form, no login button', async () => {
    const { app } = await setup();
    for (const code of ['UNKNOWNunknownUNKNOWNunknown0000', 'salah-ketik']) {
      const res = await request(app).get(`/verify/${code}`).expect(404);
      const text = mainText(res.text);
      expect(text).to.include('Sertifikat tidak terdaftar').and.include('nomor sertifikat').and.include('lembaga penerbit');
      expect(text).to.not.include('Ke beranda').and.not.include('Halaman tidak ditemukan');
      expect(res.text).to.match(/<form[^>]*action="\/verify"/).and.match(/name="code"/);
    }
    const en = mainText((await request(app).get('/verify/UNKNOWNunknownUNKNOWNunknown0000?lng=en').expect(404)).text);
    expect(en).to.include('Certificate not registered');
  });
});
