import { expect } from 'chai';
import request from 'supertest';
import { ManualClock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { APP_URL, buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn } from '../support/http';
import { createWorker } from '../support/people-factories';
import { createCertificate } from '../support/certificates-factories';
import { binary, pdfText } from '../support/pdf-tools';

const NOW = wibToUtc('2026-06-15', '10:00')!;
/** Crockford base32 in two groups of four: no I, L, O or U. */
const PRINTED = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

async function setup() {
  const clock = new ManualClock(NOW);
  const ctx = buildApp({ clock });
  const workshop = await createWorkshop({ name: 'Logam Jaya Takaru' });
  const user = await createUser({ email: 'slamet@t.test', roles: ['worker'], workshop: workshop._id });
  const worker = await createWorker(workshop._id, { name: 'Slamet Riyadi', user: user._id });
  const cert = await createCertificate(clock, { worker, issueDate: '2025-02-01' });
  const other = await createCertificate(clock, { worker, issueDate: '2025-03-01' });
  const holder = await signIn(ctx.app, 'slamet@t.test', PASSWORD);
  return { ...ctx, cert, other, holder };
}

/** The check code printed next to a number on the holder's "My certificates" page. */
async function checkCodeOf(holder: Awaited<ReturnType<typeof setup>>['holder'], number: string): Promise<string> {
  const text = mainText((await holder.get('/my/certificates').expect(200)).text);
  const m = new RegExp(`${number.replace(/\//g, '\\/')} .*?Kode periksa ([0-9A-Z]{4}-[0-9A-Z]{4})`).exec(text);
  expect(m, `check code of ${number} on /my/certificates`).to.not.equal(null);
  return m![1]!;
}

/** A check code of the right shape that differs from `code` in one character. */
const wrong = (code: string) => (code[0] === '7' ? '8' : '7') + code.slice(1);

describe('certificates: verification from paper (number and check code)', () => {
  it('prints the grouped check code and the way to use it on the PDF, next to the number', async function () {
    this.timeout(60000);
    const { cert, holder } = await setup();
    const code = await checkCodeOf(holder, cert.number);
    expect(code).to.match(PRINTED);
    const pdf = await holder.get(`/certificates/${cert.id}.pdf`).buffer(true).parse(binary).expect(200);
    const text = (await pdfText(pdf.body as Buffer, '-layout')).replace(/\s+/g, ' ');
    expect(text).to.include(cert.number).and.include(`Kode periksa / Check code: ${code}`);
    expect(text).to.include(`Periksa di ${APP_URL}/verify dengan nomor dan kode ini`).and.include(`Verify at ${APP_URL}/verify with this number and code`);
  });

  it('shows the certificate for its number with its check code, however the code is typed', async () => {
    const { app, cert, holder } = await setup();
    const code = await checkCodeOf(holder, cert.number);
    for (const typed of [code, code.toLowerCase(), code.replace('-', ''), ` ${code.toLowerCase().replace('-', ' ')} `]) {
      const res = await request(app).get('/verify').query({ number: cert.number, check: typed }).expect(200);
      expect(mainText(res.text), typed).to.include('Slamet Riyadi').and.include(cert.number).and.include('Berlaku');
    }
    const typedNumber = cert.number.toLowerCase().replace(/\//g, ' ');
    expect(mainText((await request(app).get('/verify').query({ number: typedNumber, check: code }).expect(200)).text)).to.include(cert.number);
  });

  it('answers a number alone, a wrong check code or another certificate\'s code exactly like an unknown number', async () => {
    const { app, cert, other, holder } = await setup();
    const code = await checkCodeOf(holder, cert.number);
    const otherCode = await checkCodeOf(holder, other.number);
    const UNKNOWN = 'TKR/2025/LAS/999999';
    // The page shows the typed values again: compare with the number itself blanked out.
    const blank = (html: string, number: string) => html.split(`value="${number}"`).join('value="#"').split(encodeURIComponent(number)).join('#');
    const attempts = [{}, { check: '' }, { check: wrong(code) }, { check: otherCode }, { check: 'xx' }];
    for (const q of attempts) {
      const unknown = await request(app).get('/verify').query({ number: UNKNOWN, ...q }).expect(404);
      expect(mainText(unknown.text)).to.include('Tidak ada sertifikat terdaftar dengan nomor dan kode periksa ini');
      const res = await request(app).get('/verify').query({ number: cert.number, ...q }).expect(404);
      expect(blank(res.text, cert.number), JSON.stringify(q)).to.equal(blank(unknown.text, UNKNOWN));
      expect(res.text).to.not.include('Slamet');
    }
  });

  it('shows the check code to the holder on the certificate page too', async () => {
    const { cert, holder } = await setup();
    const code = await checkCodeOf(holder, cert.number);
    expect(mainText((await holder.get(`/certificates/${cert.id}`).expect(200)).text)).to.include(`Kode periksa ${code}`);
  });

  it('has a form with number and check code besides the long code, in both languages', async () => {
    const { app } = await setup();
    const id = (await request(app).get('/verify').expect(200)).text;
    for (const field of ['name="number"', 'name="check"', 'name="code"']) expect(id).to.include(field);
    expect(mainText(id)).to.include('Nomor sertifikat').and.include('Kode periksa').and.include('Kode verifikasi');
    expect(mainText((await request(app).get('/verify?lng=en').expect(200)).text)).to.include('Certificate number').and.include('Check code').and.include('Verification code');
  });

  it('keeps verification pages out of search engines: X-Robots-Tag and /robots.txt', async () => {
    const { app, cert, holder } = await setup();
    const code = await checkCodeOf(holder, cert.number);
    const pages = {
      form: await request(app).get('/verify').expect(200),
      certificate: await request(app).get('/verify').query({ number: cert.number, check: code }).expect(200),
      unknown: await request(app).get('/verify/UNKNOWNunknownUNKNOWNunknown0000').expect(404),
    };
    for (const [page, res] of Object.entries(pages)) expect(res.headers['x-robots-tag'], page).to.match(/noindex/);
    const robots = await request(app).get('/robots.txt').expect(200);
    expect(robots.headers['content-type']).to.match(/^text\/plain/);
    expect(robots.text).to.match(/^User-agent: \*$/m).and.match(/^Disallow: \/verify$/m);
  });
});
