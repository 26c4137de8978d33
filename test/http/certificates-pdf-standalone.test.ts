import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { signIn } from '../support/http';
import { createWorker } from '../support/people-factories';
import { createAssessment, createCertificate, createScheme, issueService } from '../support/certificates-factories';
import { binary, pdfFonts, pdfInfo, pdfPage, pdfText, pdfWords } from '../support/pdf-tools';

const NOW = wibToUtc('2026-06-15', '10:00')!;
const NIK = '3201234567891234';
const DAY = 24 * 3600 * 1000;

async function setup(env: Record<string, string> = {}) {
  const clock = new ManualClock(NOW);
  const ctx = buildApp({ clock, env });
  const workshop = await createWorkshop({ name: 'Logam Jaya Takaru' });
  const worker = await createWorker(workshop._id, { name: 'Slamet Riyadi', nik: NIK });
  const coordinator = await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  const agent = await signIn(ctx.app, 'koor@t.test', PASSWORD);
  const download = async (id: string) => (await agent.get(`/certificates/${id}.pdf`).buffer(true).parse(binary).expect(200)).body as Buffer;
  return { ...ctx, clock, worker, download, actor: { id: String(coordinator._id), roles: ['coordinator'] } };
}

/** Share of the pixels in the middle of the page (half its width and height) that are clearly red. */
function redShareOfCentre(png: { width: number; height: number; data: Buffer }): number {
  let red = 0;
  let all = 0;
  for (let y = Math.floor(png.height / 4); y < (3 * png.height) / 4; y++) {
    for (let x = Math.floor(png.width / 4); x < (3 * png.width) / 4; x++) {
      const i = (y * png.width + x) * 4;
      const [r, g, b] = [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0];
      all++;
      if (r - g > 25 && r - b > 25) red++;
    }
  }
  return red / all;
}

describe('certificates: a PDF that stands on its own', () => {
  it('embeds every font (no standard-14 Helvetica) and carries its title, author and a PDF/A-2b claim', async function () {
    this.timeout(60000);
    const { worker, clock, download } = await setup();
    const cert = await createCertificate(clock, { worker, issueDate: '2025-02-01' });
    const pdf = await download(cert.id);
    const fonts = await pdfFonts(pdf);
    expect(fonts).to.not.be.empty;
    for (const f of fonts) {
      expect(f.embedded, `${f.name} embedded`).to.equal(true);
      expect(f.name).to.not.match(/Helvetica|Times|Courier/);
    }
    const info = await pdfInfo(pdf);
    expect(info).to.match(/^Title:\s+Sertifikat Kompetensi .*\n/m).and.include(cert.number);
    expect(info).to.match(/^Author:\s+\S/m);
    expect(info).to.match(/^Keywords:\s+\S/m);
    expect(info).to.match(/^Tagged:\s+yes/m);
    const version = Number(/^PDF version:\s+([\d.]+)/m.exec(info)![1]);
    expect(version).to.be.at.least(1.4);
    const meta = await pdfInfo(pdf, '-meta');
    expect(meta).to.include('<pdfaid:part>2</pdfaid:part>').and.include('<pdfaid:conformance>B</pdfaid:conformance>');
  });

  it('identifies the holder by the NIK masked to its last 4 digits and names the signatory (configurable) and the assessor', async function () {
    this.timeout(60000);
    const { worker, download, actor } = await setup({ CERT_SIGNATORY_NAME: 'Ir. Hartono Wibisono', CERT_SIGNATORY_ROLE: 'Direktur LSP Uji Las' });
    const scheme = await createScheme();
    const assessment = await createAssessment(worker._id, scheme, { date: '2026-06-01' });
    const id = await issueService(new ManualClock(NOW)).issue.issueFromAssessment(actor, String(assessment._id), { issueDate: '2026-06-10' });
    const text = await pdfText(await download(id));
    expect(text).to.include('NIK ************1234');
    expect(text).to.not.include(NIK);
    expect(text).to.include('Ir. Hartono Wibisono').and.include('Direktur LSP Uji Las');
    expect(text).to.include('Asesor Uji').and.include('MET.000.012345 2019');
  });

  it('names the default signatory when none is configured', async function () {
    this.timeout(60000);
    const { worker, clock, download } = await setup();
    const cert = await createCertificate(clock, { worker, issueDate: '2025-02-01' });
    expect(await pdfText(await download(cert.id))).to.include('Ketua Pengelola LIK Takaru');
  });

  it('prints no validity date on a revoked certificate, prints when it was revoked, and marks the whole page DICABUT / REVOKED', async function () {
    this.timeout(60000);
    const { worker, clock, download, actor } = await setup();
    const cert = await createCertificate(clock, { worker, issueDate: '2024-06-02' });
    await issueService(clock).issue.revoke(actor, cert.id, 'Dokumen uji palsu', 'fraud');
    clock.advance(10 * DAY);
    const pdf = await download(cert.id);
    const text = await pdfText(pdf);
    expect(text).to.not.match(/sampai dengan|valid until|2 Jun 2027|Jun 2 2027/i);
    expect(text).to.match(/Dicabut pada\s+15 Jun 2026/).and.match(/Revoked on\s+15 Jun 2026/);
    // The mark is drawn diagonally, so pdftotext reads it letter by letter except in content order (-raw).
    expect(await pdfText(pdf, '-raw')).to.match(/^DICABUT$/m).and.match(/^REVOKED$/m);
    const letters = (await pdfWords(pdf)).filter((w) => /^[A-Z]$/.test(w.text) && w.height > 80);
    expect(letters.length, 'letters over 80 pt tall').to.be.at.least('DICABUTREVOKED'.length);
    expect(redShareOfCentre(await pdfPage(pdf))).to.be.above(0.05);
  });

  it('puts no revocation mark on a valid certificate', async function () {
    this.timeout(60000);
    const { worker, clock, download } = await setup();
    const cert = await createCertificate(clock, { worker, issueDate: '2025-02-01' });
    const pdf = await download(cert.id);
    expect(await pdfText(pdf, '-raw')).to.not.match(/DICABUT|REVOKED/i);
    expect(redShareOfCentre(await pdfPage(pdf))).to.be.below(0.005);
  });
});
