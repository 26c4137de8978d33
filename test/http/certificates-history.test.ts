import { expect } from 'chai';
import { Certificate, CertificateNumber, CertificateScan } from '../../src/modules/certificates';
import { ManualClock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn } from '../support/http';
import { createWorker } from '../support/people-factories';
import { bigPdfBytes, createScheme, jpegBytes, pdfBytes, pngBytes, uploadHistory } from '../support/certificates-factories';

const NOW = wibToUtc('2026-06-15', '10:00')!;
const MB = 1024 * 1024;

async function setup() {
  const ctx = buildApp({ clock: new ManualClock(NOW) });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  const workshop = await createWorkshop();
  const worker = await createWorker(workshop._id, { name: 'Slamet Riyadi' });
  const scheme = await createScheme({ name: 'Pemeriksa Mutu Dimensi', trade: 'qc' });
  const agent = await signIn(ctx.app, 'koor@t.test', PASSWORD);
  const fields = { worker: worker.id, scheme: scheme.id, issueDate: '15/03/2021', originalNumber: 'LSP-LMT/QC/2021/0456', units: scheme.units.map(String) };
  return { ...ctx, agent, worker, scheme, fields };
}

async function nothingWritten() {
  expect(await Certificate.countDocuments()).to.equal(0);
  expect(await CertificateScan.countDocuments()).to.equal(0);
  expect(await CertificateNumber.countDocuments()).to.equal(0);
}

describe('certificates: entering earlier certificates with a scan', () => {
  it('stores a PDF scan, keeps the original number as the certificate\'s (no TKR number) and gives the scan back unchanged', async () => {
    const { agent, fields } = await setup();
    const scan = pdfBytes();
    const res = await uploadHistory(agent, fields, { bytes: scan, name: 'sertifikat lama.PDF' });
    expect(res.status, mainText(res.text)).to.equal(303);
    const cert = await Certificate.findOne().lean();
    expect(cert).to.include({ number: 'LSP-LMT/QC/2021/0456', source: 'history', originalNumber: 'LSP-LMT/QC/2021/0456', holderName: 'Slamet Riyadi' });
    expect(await CertificateNumber.countDocuments()).to.equal(0);
    expect(cert!.issueDate.toISOString()).to.equal('2021-03-14T17:00:00.000Z');
    const page = mainText((await agent.get(`/certificates/${cert!._id}`).expect(200)).text);
    expect(page).to.include('Dimasukkan dari arsip').and.include('LSP-LMT/QC/2021/0456').and.include('Kedaluwarsa');
    const back = await agent.get(`/certificates/${cert!._id}/scan`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(back.headers['content-type']).to.equal('application/pdf');
    expect(back.headers['content-disposition']).to.match(/^attachment; filename="?LSP-LMT-QC-2021-0456-scan\.pdf"?$/);
    expect(Buffer.compare(back.body as Buffer, scan)).to.equal(0);
  });

  it('accepts PNG and JPEG scans, typed by their content', async () => {
    const { agent, fields } = await setup();
    expect((await uploadHistory(agent, fields, { bytes: pngBytes(), name: 'scan.png' })).status).to.equal(303);
    expect((await uploadHistory(agent, { ...fields, originalNumber: 'LSP-LMT/QC/2021/0457' }, { bytes: jpegBytes(), name: 'scan.JPG' })).status).to.equal(303);
    expect((await CertificateScan.find({}, { contentType: 1 }).lean()).map((s) => s.contentType).sort()).to.deep.equal(['image/jpeg', 'image/png']);
  });

  it('refuses text named .pdf, and PNG bytes named .pdf, writing nothing', async () => {
    const { agent, fields } = await setup();
    const text = await uploadHistory(agent, fields, { bytes: Buffer.from('Ini bukan PDF, hanya teks.'), name: 'sertifikat.pdf' });
    expect(text.status).to.equal(422);
    expect(mainText(text.text)).to.include('Isi file bukan PDF, JPEG atau PNG.');
    const html = await uploadHistory(agent, fields, { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'scan.png' });
    expect(html.status).to.equal(422);
    const disguised = await uploadHistory(agent, fields, { bytes: pngBytes(), name: 'sertifikat.pdf' });
    expect(disguised.status).to.equal(422);
    expect(mainText(disguised.text)).to.include('Nama file tidak sesuai dengan isinya');
    await nothingWritten();
  });

  it('refuses a scan over 5 MB with 413 and accepts one of exactly 5 MB', async function () {
    this.timeout(60000);
    const { agent, fields } = await setup();
    expect(bigPdfBytes(5 * MB + 1).length).to.equal(5 * MB + 1);
    const big = await uploadHistory(agent, fields, { bytes: bigPdfBytes(5 * MB + 1), name: 'besar.pdf' });
    expect(big.status).to.equal(413);
    expect(mainText(big.text)).to.include('File terlalu besar: paling besar 5 MB.');
    await nothingWritten();
    const limit = await uploadHistory(agent, fields, { bytes: bigPdfBytes(5 * MB), name: 'pas.pdf' });
    expect(limit.status).to.equal(303);
    expect((await CertificateScan.findOne({}, { size: 1 }).lean())!.size).to.equal(5 * MB);
  });

  it('asks for the file, valid fields and a past date; keeps what was entered', async () => {
    const { agent, fields } = await setup();
    const noFile = await uploadHistory(agent, fields);
    expect(noFile.status).to.equal(422);
    expect(mainText(noFile.text)).to.include('Lampirkan pindaian sertifikat.');
    expect(noFile.text).to.include('value="LSP-LMT/QC/2021/0456"');
    const future = await uploadHistory(agent, { ...fields, issueDate: '2026-06-16' }, { bytes: pdfBytes(), name: 'a.pdf' });
    expect(future.status).to.equal(422);
    expect(mainText(future.text)).to.include('Tanggal tidak boleh di masa depan.');
    const noUnits = await uploadHistory(agent, { ...fields, units: [] }, { bytes: pdfBytes(), name: 'a.pdf' });
    expect(noUnits.status).to.equal(422);
    expect(mainText(noUnits.text)).to.include('Pilih minimal satu unit kompetensi.');
    await nothingWritten();
  });

  it('checks the CSRF token of the multipart form and refuses workers', async () => {
    const { app, agent, fields, worker } = await setup();
    const forged = await agent.post('/certificates/history').field('worker', fields.worker).field('scheme', fields.scheme).field('issueDate', '2021-03-15').attach('file', pdfBytes(), 'a.pdf');
    expect(forged.status).to.equal(403);
    const user = await createUser({ email: 'w@t.test', roles: ['worker'], workshop: worker.workshop });
    const asWorker = await signIn(app, 'w@t.test', PASSWORD);
    await asWorker.get('/certificates/history').expect(403);
    expect(user.id).to.be.a('string');
    await nothingWritten();
  });
});
