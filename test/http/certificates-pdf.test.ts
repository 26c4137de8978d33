import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { APP_URL, buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { signIn } from '../support/http';
import { createWorker } from '../support/people-factories';
import { createCertificate } from '../support/certificates-factories';
import { binary, pdfQr, pdfText } from '../support/pdf-tools';

const NOW = wibToUtc('2026-06-15', '10:00')!;
const CODE = 'PDFcodePDFcodePDFcodePDFcode0001';

const textOf = (pdf: Buffer) => pdfText(pdf, '-layout');

async function setup() {
  const clock = new ManualClock(NOW);
  const ctx = buildApp({ clock });
  const workshop = await createWorkshop({ name: 'Logam Jaya Takaru' });
  const user = await createUser({ email: 'slamet@t.test', roles: ['worker'], workshop: workshop._id });
  const worker = await createWorker(workshop._id, { name: 'Slamet Riyadi', user: user._id });
  const cert = await createCertificate(clock, { worker, issueDate: '2025-02-01', verifyCode: CODE });
  return { ...ctx, cert, workshop };
}

describe('certificates: PDF', () => {
  it('is an A4 landscape PDF with the number and holder as text and a QR code of the absolute verification URL', async function () {
    this.timeout(60000);
    const { app, cert } = await setup();
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const agent = await signIn(app, 'koor@t.test', PASSWORD);
    const res = await agent.get(`/certificates/${cert.id}.pdf`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).to.equal('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(pdf.toString('latin1')).to.match(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    const text = await textOf(pdf);
    expect(text).to.include(cert.number).and.include('Slamet Riyadi');
    expect(text).to.include('Sertifikat Kompetensi'.toUpperCase()).and.include('Certificate of Competence');
    expect(text).to.include('C.24LAS01.029.1').and.include('1 Feb 2025');
    expect(await pdfQr(pdf)).to.equal(`${APP_URL}/verify/${CODE}`);
  });

  it('is downloadable by its holder; another worker and an instructor are refused', async function () {
    this.timeout(30000);
    const { app, cert, workshop } = await setup();
    const holder = await signIn(app, 'slamet@t.test', PASSWORD);
    const own = await holder.get(`/certificates/${cert.id}.pdf`).buffer(true).parse(binary).expect(200);
    expect(await textOf(own.body as Buffer)).to.include(cert.number);
    const otherUser = await createUser({ email: 'budi@t.test', roles: ['worker'], workshop: workshop._id });
    await createWorker(workshop._id, { name: 'Budi Santoso', user: otherUser._id });
    const other = await signIn(app, 'budi@t.test', PASSWORD);
    await other.get(`/certificates/${cert.id}.pdf`).expect(404);
    await createUser({ email: 'ins@t.test', roles: ['instructor'] });
    await (await signIn(app, 'ins@t.test', PASSWORD)).get(`/certificates/${cert.id}.pdf`).expect(403);
  });
});
