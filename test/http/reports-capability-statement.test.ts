import { expect } from 'chai';
import request from 'supertest';
import { Certificate, CertificationScheme } from '../../src/modules/certificates';
import { IssuedStatement, StatementNumber } from '../../src/modules/reports';
import { Workshop } from '../../src/modules/workshops';
import type { ManualClock } from '../../src/platform/clock';
import { createUnit } from '../support/catalogue-factories';
import { createCertificate, createScheme } from '../support/certificates-factories';
import { createWorker } from '../support/competencies-factories';
import { PASSWORD, createUser, createWorkshop } from '../support/factories';
import { buildApp } from '../support/harness';
import { csrfFrom, formToken, mainText, signIn, submitForm, type Agent } from '../support/http';
import { binary, pdfText } from '../support/pdf-tools';
import { clearOfWindowEdge } from '../support/rate-limits';
import { reportClock } from '../support/reports-factories';
import { VERIFY_LIMITS } from '../../src/modules/certificates/verify-limits';

/**
 * "Gamma Presisi": three SMAW welders at KKNI 2 (one holding two SMAW certificates), one GMAW welder
 * at KKNI 3, one machinist whose scheme has no English name; the workshop record names a signatory
 * and contact. A second workshop's manager for the authorisation checks.
 */
async function gammaFixture(clock: ManualClock) {
  const gamma = await Workshop.create({ name: 'Gamma Presisi', legalForm: 'CV', unit: 'Blok C-07', owner: 'Pak Pemilik Rahasia', phone: '+62283351234', email: 'kontak@gamma.test', contact: 'Bu Sri (admin)', signatoryName: 'Budi Santoso', signatoryTitle: 'Direktur' });
  const other = await createWorkshop({ name: 'Delta Logam' });
  const smaw = await createScheme({ name: 'Juru Las SMAW 3G Pelat', kkniLevel: 2, validity: { kind: 'continuity', process: 'SMAW' } });
  await smaw.updateOne({ $set: { nameEn: 'SMAW 3G Plate Welder' } });
  const smaw2 = await createScheme({ name: 'Juru Las SMAW 2G Pelat', kkniLevel: 2, validity: { kind: 'continuity', process: 'SMAW' } });
  await smaw2.updateOne({ $set: { nameEn: 'SMAW 2G Plate Welder' } });
  const gmaw = await createScheme({ name: 'Juru Las GMAW Pipa', kkniLevel: 3, validity: { kind: 'continuity', process: 'GMAW' } });
  await gmaw.updateOne({ $set: { nameEn: 'GMAW Pipe Welder' } });
  const lathe = await createScheme({ name: 'Operator Mesin Bubut Tegal', kkniLevel: 2, trade: 'machining' });
  const names = ['Agus Gamma', 'Bambang Gamma', 'Cahyo Gamma', 'Dedi Gamma', 'Eko Gamma'];
  const [a, b, c, d, e] = await Promise.all(names.map((name) => createWorker({ name, workshop: gamma._id })));
  const issueDate = '2026-05-01';
  const certs = {
    a: await createCertificate(clock, { worker: a!, scheme: smaw, issueDate, validity: { kind: 'continuity', process: 'SMAW' } }),
    a2: await createCertificate(clock, { worker: a!, scheme: smaw2, issueDate, validity: { kind: 'continuity', process: 'SMAW' } }),
    b: await createCertificate(clock, { worker: b!, scheme: smaw, issueDate, validity: { kind: 'continuity', process: 'SMAW' } }),
    c: await createCertificate(clock, { worker: c!, scheme: smaw, issueDate, validity: { kind: 'continuity', process: 'SMAW' } }),
    d: await createCertificate(clock, { worker: d!, scheme: gmaw, issueDate, validity: { kind: 'continuity', process: 'GMAW' } }),
    e: await createCertificate(clock, { worker: e!, scheme: lathe, issueDate: '2025-01-10' }),
  };
  const manager = await createUser({ roles: ['manager'], workshop: gamma._id, email: 'manajer.gamma@takaru.test', name: 'Manajer Gamma Rahasia' });
  await createUser({ roles: ['manager'], workshop: other._id, email: 'manajer.delta@takaru.test' });
  await createUser({ roles: ['coordinator'], email: 'koor.gamma@takaru.test' });
  await createUser({ roles: ['instructor'], email: 'instruktur.gamma@takaru.test' });
  return { gamma, other, certs, manager };
}

/** Issues through the page's form; returns the 303 response. */
async function issueAs(agent: Agent, workshop?: string) {
  return submitForm(agent, `/reports/capability${workshop ? `?workshop=${workshop}` : ''}`, '/reports/capability/issue', workshop ? { workshop } : {});
}
const codeOf = (location: string) => /\/reports\/capability\/statements\/([^/]+)\.pdf$/.exec(location)?.[1] ?? '';

describe('reports: issued capability statements, numbered and publicly verifiable', () => {
  let ctx: ReturnType<typeof buildApp>;
  let fx: Awaited<ReturnType<typeof gammaFixture>>;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = reportClock();
    ctx = buildApp({ clock });
    fx = await gammaFixture(clock);
  });
  const as = (email: string): Promise<Agent> => signIn(ctx.app, email, PASSWORD);

  it('gives four statements issued in parallel four different consecutive numbers, each stored as issued', async () => {
    const agent = await as('manajer.gamma@takaru.test');
    const token = await formToken(agent, '/reports/capability');
    const answers = await Promise.all([0, 1, 2, 3].map(() => agent.post('/reports/capability/issue').type('form').send(`_csrf=${encodeURIComponent(token)}`)));
    for (const r of answers) expect(r.status, r.text).to.equal(303);
    const codes = answers.map((r) => codeOf(String(r.headers.location)));
    expect(new Set(codes).size).to.equal(4);
    const stored = await Promise.all(codes.map((c) => IssuedStatement.findById(c).lean()));
    const numbers = stored.map((s) => s!.number).sort();
    expect(numbers).to.deep.equal(['TKR/PK/2026/000001', 'TKR/PK/2026/000002', 'TKR/PK/2026/000003', 'TKR/PK/2026/000004']);
    expect(await StatementNumber.countDocuments({})).to.equal(4);
    for (const s of stored) {
      expect(String(s!.workshop)).to.equal(String(fx.gamma._id));
      expect(s!.items.map((i) => i.holderName).sort()).to.deep.equal(['Agus Gamma', 'Agus Gamma', 'Bambang Gamma', 'Cahyo Gamma', 'Dedi Gamma', 'Eko Gamma']);
      expect(s!.company?.signatoryName).to.equal('Budi Santoso');
    }
  });

  it('shows the statement as issued on a public page, with each certificate\'s validity today: a revoked one shows not valid', async () => {
    const agent = await as('manajer.gamma@takaru.test');
    const code = codeOf(String((await issueAs(agent)).headers.location));
    // After issue: one certificate revoked, one worker's certificate added. The page keeps what was
    // listed (no new certificate) and says the revoked one is no longer valid.
    await Certificate.updateOne({ number: fx.certs.b.number }, { $set: { revokedAt: new Date('2026-06-14T10:00:00+07:00') } });
    const late = await createWorker({ name: 'Fajar Terlambat', workshop: fx.gamma._id });
    await createCertificate(clock, { worker: late, issueDate: '2026-06-01' });

    const page = await request(ctx.app).get(`/verify/statement/${code}`).expect(200);
    expect(page.headers['x-robots-tag']).to.contain('noindex');
    const text = mainText(page.text);
    expect(text).to.contain('TKR/PK/2026/000001').and.contain('CV. Gamma Presisi').and.contain('Budi Santoso, Direktur').and.contain('kontak@gamma.test');
    expect(text).to.contain('5 dari 6 sertifikat yang tercantum masih berlaku hari ini');
    expect(page.text).to.contain(`data-cert="${fx.certs.b.number}" data-valid-today="no"`);
    expect(page.text).to.contain(`data-cert="${fx.certs.a.number}" data-valid-today="yes"`);
    const revokedRow = new RegExp(`data-cert="${fx.certs.b.number.replace(/\//g, '\\/')}"[\\s\\S]*?</tr>`).exec(page.text)![0];
    expect(mainText(revokedRow)).to.contain('Tidak berlaku lagi').and.contain('Dicabut');
    expect(text).not.to.contain('Fajar Terlambat');
    // Nothing beyond what the statement lists: not the owner, not who issued it.
    expect(text).not.to.contain('Pak Pemilik Rahasia').and.not.contain('Manajer Gamma Rahasia').and.not.contain('manajer.gamma');
    // English page, the scheme's English name.
    const en = mainText((await request(ctx.app).get(`/verify/statement/${code}?lng=en`).expect(200)).text);
    expect(en).to.contain('5 of 6 listed certificates are still valid today').and.contain('SMAW 3G Plate Welder');
  });

  it('answers an unknown statement code with a translated 404 page', async () => {
    const id = await request(ctx.app).get('/verify/statement/AAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
    expect(mainText(id.text)).to.contain('Pernyataan tidak terdaftar');
    const en = await request(ctx.app).get('/verify/statement/not-a-code?lng=en').expect(404);
    expect(mainText(en.text)).to.contain('Statement not registered');
  });

  it('counts unknown statement codes as verification misses: past the budget, 429 even for a real statement', async function () {
    this.timeout(60000);
    await clearOfWindowEdge(VERIFY_LIMITS.windowMs);
    const agent = await as('manajer.gamma@takaru.test');
    const code = codeOf(String((await issueAs(agent)).headers.location));
    const from = '192.0.2.60';
    for (let i = 0; i < VERIFY_LIMITS.misses; i++) await request(ctx.app).get(`/verify/statement/GUESSguessGUESSgue${String(i).padStart(3, '0')}`).set('X-Forwarded-For', from).expect(404);
    const res = await request(ctx.app).get(`/verify/statement/${code}`).set('X-Forwarded-For', from).expect(429);
    expect(res.headers['retry-after']).to.match(/^\d+$/);
    await request(ctx.app).get(`/verify/statement/${code}`).set('X-Forwarded-For', '192.0.2.61').expect(200);
  });

  it('totals certified workers per process and KKNI level, and prints them, the signatory, English scheme names and page numbers in the PDF', async () => {
    const agent = await as('manajer.gamma@takaru.test');
    const page = mainText((await agent.get('/reports/capability').expect(200)).text);
    expect(page).to.contain('3 pekerja bersertifikat SMAW · KKNI 2').and.contain('1 pekerja bersertifikat GMAW · KKNI 3').and.contain('1 pekerja bersertifikat Pemesinan · KKNI 2');
    const issued = await issueAs(agent);
    expect(issued.status).to.equal(303);
    const pdf = await agent.get(String(issued.headers.location)).buffer(true).parse(binary as never).expect(200).expect('content-type', /application\/pdf/);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).to.contain('Nomor pernyataan / Statement number: TKR/PK/2026/000001');
    expect(text).to.contain('3 pekerja bersertifikat SMAW · KKNI 2 / 3 certified SMAW workers · KKNI 2');
    expect(text).to.contain('1 pekerja bersertifikat GMAW · KKNI 3 / 1 certified GMAW worker · KKNI 3');
    expect(text).to.contain('SMAW 3G Plate Welder').and.contain('GMAW Pipe Welder');
    expect(text).to.contain('Operator Mesin Bubut Tegal [English name not recorded]');
    expect(text).to.contain('Budi Santoso, Direktur').and.contain('kontak@gamma.test');
    expect(text).to.contain(`http://skills.takaru.test/verify/statement/${codeOf(String(issued.headers.location))}`);
    const pages = Number(/Halaman 1 dari (\d+) \/ Page 1 of \1/.exec(text)?.[1]);
    expect(pages, 'page numbers').to.be.greaterThan(0);
    expect(text).to.contain(`Halaman ${pages} dari ${pages} / Page ${pages} of ${pages}`);
  });

  it('lets only coordinators and the workshop\'s manager issue, and only its workshop see the issued PDF', async () => {
    const coordinator = await as('koor.gamma@takaru.test');
    const byCoordinator = await issueAs(coordinator, String(fx.gamma._id));
    expect(byCoordinator.status).to.equal(303);
    const code = codeOf(String(byCoordinator.headers.location));
    expect(String((await IssuedStatement.findById(code).lean())!.workshop)).to.equal(String(fx.gamma._id));
    // Another workshop's manager naming Gamma issues their own workshop's statement, never Gamma's.
    const delta = await as('manajer.delta@takaru.test');
    const byDelta = await issueAs(delta, String(fx.gamma._id));
    expect(String((await IssuedStatement.findById(codeOf(String(byDelta.headers.location))).lean())!.workshop)).to.equal(String(fx.other._id));
    await delta.get(`/reports/capability/statements/${code}.pdf`).expect(403);
    const instructor = await as('instruktur.gamma@takaru.test');
    const token = csrfFrom((await instructor.get('/account/password').expect(200)).text);
    await instructor.post('/reports/capability/issue').type('form').send(`_csrf=${encodeURIComponent(token)}&workshop=${String(fx.gamma._id)}`).expect(403);
    await (await as('manajer.gamma@takaru.test')).get(`/reports/capability/statements/${code}.pdf`).expect(200);
  });

  it('warns on the page when APP_URL is a localhost address outside production, and still issues', async () => {
    const local = buildApp({ clock, env: { APP_URL: 'http://localhost:3000' } });
    const agent = await signIn(local.app, 'manajer.gamma@takaru.test', PASSWORD);
    const page = await agent.get('/reports/capability').expect(200);
    expect(page.text).to.contain('data-local-app-url');
    expect(mainText(page.text)).to.contain('APP_URL adalah alamat lokal (http://localhost:3000)');
    expect((await issueAs(agent)).status).to.equal(303);
  });

  it('refuses to issue a statement in production when APP_URL is a localhost address, with a translated 409', async () => {
    // Production sets Secure cookies, which a plain-http test agent never sends back: sign in on a
    // test-mode app over the same session store and secret, then send that session cookie by hand.
    const agent = await as('manajer.gamma@takaru.test');
    const token = await formToken(agent, '/reports/capability');
    const cookie = agent.jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false } as never).toValueString();
    const prod = buildApp({ clock, env: { NODE_ENV: 'production', APP_URL: 'http://127.0.0.1:3000' } });
    const res = await request(prod.app).post('/reports/capability/issue').set('Cookie', cookie).type('form').send(`_csrf=${encodeURIComponent(token)}`);
    expect(res.status, res.text.slice(0, 300)).to.equal(409);
    expect(mainText(res.text)).to.contain('Pernyataan kemampuan tidak dapat diterbitkan: APP_URL adalah alamat lokal');
    expect(await IssuedStatement.countDocuments({})).to.equal(0);
    expect(await StatementNumber.countDocuments({})).to.equal(0);
    const page = await request(prod.app).get('/reports/capability').set('Cookie', cookie).expect(200);
    expect(page.text).not.to.contain('action="/reports/capability/issue"');
    expect(mainText(page.text)).to.contain('Pernyataan tidak dapat diterbitkan');
  });

  it('records the signatory and contact email on the workshop form (a bad email is a 422), and a scheme\'s English name on the scheme form', async () => {
    const coordinator = await as('koor.gamma@takaru.test');
    const id = String(fx.gamma._id);
    const base = { name: 'Gamma Presisi', legalForm: 'CV', owner: '', products: '', unit: 'Blok C-07', phone: '', contact: '' };
    const bad = await submitForm(coordinator, `/workshops/${id}`, `/workshops/${id}`, { ...base, email: 'bukan-email', signatoryName: 'Sri Wahyuni', signatoryTitle: 'Pemilik' });
    expect(bad.status).to.equal(422);
    expect(mainText(bad.text)).to.contain('Alamat email tidak valid.');
    expect((await Workshop.findById(id).lean())!.signatoryName).to.equal('Budi Santoso');
    const ok = await submitForm(coordinator, `/workshops/${id}`, `/workshops/${id}`, { ...base, email: 'Admin@Gamma.test', signatoryName: 'Sri Wahyuni', signatoryTitle: 'Pemilik' });
    expect(ok.status).to.equal(303);
    expect(await Workshop.findById(id).lean()).to.include({ email: 'admin@gamma.test', signatoryName: 'Sri Wahyuni', signatoryTitle: 'Pemilik' });
    const unit = await createUnit();
    const scheme = { name: 'Juru Las FCAW', nameEn: 'FCAW  Welder', kkniLevel: '2', issuerKind: 'lsp', issuerName: 'LSP Teknik Las', trade: 'welding', units: [unit.id], validityKind: 'fixed_term', years: '3', process: '', active: 'true' };
    expect((await submitForm(coordinator, '/certificates/schemes/new', '/certificates/schemes', scheme)).status).to.equal(303);
    const saved = await CertificationScheme.findOne({ name: 'Juru Las FCAW' }).lean();
    expect((saved as { nameEn?: string }).nameEn).to.equal('FCAW Welder');
    const edit = await coordinator.get(`/certificates/schemes/${String(saved!._id)}/edit`).expect(200);
    expect(edit.text).to.contain('name="nameEn"').and.contain('value="FCAW Welder"');
  });
});
