import { expect } from 'chai';
import request from 'supertest';
import { Types } from 'mongoose';
import { IssueService } from '../../src/modules/certificates';
import { AuditService } from '../../src/modules/audit';
import { Workshop } from '../../src/modules/workshops';
import { ManualClock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { buildApp } from '../support/harness';
import { createWorkshop } from '../support/factories';
import { createWorker } from '../support/people-factories';
import { createCertificate } from '../support/certificates-factories';
import { mainText } from '../support/http';
import { clearOfWindowEdge } from '../support/rate-limits';
import { VERIFY_LIMITS } from '../../src/modules/certificates/verify-limits';

const NOW = wibToUtc('2026-06-15', '10:00')!;
const CODE = {
  valid: 'VALIDvalidVALIDvalidVALIDvalid01',
  expired: 'EXPIREDexpiredEXPIREDexpired0002',
  revoked: 'REVOKEDrevokedREVOKEDrevoked0003',
  lapsed: 'LAPSEDlapsedLAPSEDlapsedLAPSED04',
};

async function setup() {
  const clock = new ManualClock(NOW);
  const ctx = buildApp({ clock });
  const workshop = await createWorkshop({ name: 'Logam Rahasia Takaru' });
  await Workshop.updateOne({ _id: workshop._id }, { $set: { unit: 'Blok C-7 Jl. Raya Pantura', contact: 'Bu Sri, sri@logamrahasia.co.id' } });
  const worker = await createWorker(workshop._id, { name: 'Slamet Riyadi', phone: '+6281299887766', email: 'slamet@pribadi.test', nik: '3328071203950042', position: 'Juru las SMAW 3G' });
  const valid = await createCertificate(clock, { worker, issueDate: '2025-02-01', verifyCode: CODE.valid });
  await createCertificate(clock, { worker, issueDate: '2022-02-01', verifyCode: CODE.expired });
  const revoked = await createCertificate(clock, { worker, issueDate: '2026-01-01', verifyCode: CODE.revoked });
  await new IssueService({ clock, audit: new AuditService({ clock }) }).revoke({ id: String(new Types.ObjectId()), roles: ['coordinator'] }, revoked.id, 'Dicabut karena pemalsuan');
  await createCertificate(clock, { worker, issueDate: '2025-01-01', verifyCode: CODE.lapsed, validity: { kind: 'continuity', process: 'SMAW' } });
  return { ...ctx, valid };
}

describe('certificates: public verification', () => {
  it('shows a valid certificate without login: holder, scheme, units, issue date and status in words', async () => {
    const { app, valid } = await setup();
    const res = await request(app).get(`/verify/${CODE.valid}`).expect(200);
    const text = mainText(res.text);
    expect(text).to.include('Slamet Riyadi').and.include(valid.number).and.include('C.24LAS01.029.1').and.include('1 Feb 2025');
    expect(text).to.include('Berlaku').and.include('Berlaku sampai dengan 1 Feb 2028');
    expect(res.headers['set-cookie'], 'an anonymous check needs no session').to.equal(undefined);
  });

  it('says expired (with the date), revoked and lapsed in words', async () => {
    const { app } = await setup();
    expect(mainText((await request(app).get(`/verify/${CODE.expired}`).expect(200)).text)).to.include('Kedaluwarsa sejak 2 Feb 2025');
    const revoked = mainText((await request(app).get(`/verify/${CODE.revoked}`).expect(200)).text);
    expect(revoked).to.include('Dicabut: sertifikat ini tidak berlaku');
    expect(revoked).to.not.include('pemalsuan');
    expect(mainText((await request(app).get(`/verify/${CODE.lapsed}?lng=en`).expect(200)).text)).to.include('Lapsed since 2 Jul 2025');
  });

  it('shows no other personal data: no phone, NIK, email, workshop, address or position', async () => {
    const { app } = await setup();
    for (const code of Object.values(CODE)) {
      const html = (await request(app).get(`/verify/${code}`).expect(200)).text;
      for (const secret of ['81299887766', '8129-988-7766', '3328071203950042', 'slamet@pribadi.test', 'Logam Rahasia', 'Pantura', 'sri@logamrahasia', 'Juru las SMAW 3G']) {
        expect(html, `${code} leaks ${secret}`).to.not.include(secret);
      }
    }
  });

  it('answers 404 for an unknown or malformed code', async () => {
    const { app } = await setup();
    const unknown = await request(app).get('/verify/UNKNOWNunknownUNKNOWNunknown0000').expect(404);
    expect(mainText(unknown.text)).to.include('Kode verifikasi ini tidak dikenal');
    await request(app).get('/verify/short').expect(404);
    await request(app).get(`/verify/${CODE.valid.toLowerCase()}`).expect(404);
  });

  it('has a form to type a code, which leads to the certificate', async () => {
    const { app } = await setup();
    expect(mainText((await request(app).get('/verify').expect(200)).text)).to.include('Kode verifikasi');
    const res = await request(app).get('/verify').query({ code: ` ${CODE.valid} ` }).expect(303);
    expect(res.headers.location).to.equal(`/verify/${CODE.valid}`);
  });

  it('answers 100 parallel look-ups of existing codes from one address (a gate guard, an office behind one NAT)', async function () {
    this.timeout(120000);
    await clearOfWindowEdge(VERIFY_LIMITS.windowMs);
    const { app } = await setup();
    const res = await Promise.all(Array.from({ length: 100 }, (_, i) => request(app).get(`/verify/${i % 2 ? CODE.valid : CODE.expired}`).set('X-Forwarded-For', '192.0.2.10')));
    expect(res.map((r) => r.status)).to.deep.equal(Array(100).fill(200));
  });

  it('answers exactly 20 of 21 parallel misses from one address; the rest get 429 saying when to retry, and so does any look-up after', async function () {
    this.timeout(60000);
    await clearOfWindowEdge(VERIFY_LIMITS.windowMs);
    const { app } = await setup();
    const from = '192.0.2.20';
    const res = await Promise.all(
      Array.from({ length: 21 }, (_, i) => request(app).get(`/verify/GUESSguessGUESSguessGUESSgues${String(i).padStart(3, '0')}`).set('X-Forwarded-For', from)),
    );
    expect(res.filter((r) => r.status === 404)).to.have.length(20);
    const limited = res.filter((r) => r.status === 429);
    expect(limited).to.have.length(1);
    const left = Math.ceil((VERIFY_LIMITS.windowMs - (Date.now() % VERIFY_LIMITS.windowMs)) / 1000);
    const retryAfter = Number(limited[0]!.headers['retry-after']);
    expect(retryAfter).to.be.within(left - 5, left + 1);
    expect(mainText(limited[0]!.text)).to.include(`Coba lagi dalam ${Math.ceil(retryAfter / 60)} menit`);
    // Once the misses are spent, even a real code gets no answer: a hit would tell a guesser too much.
    const after = await request(app).get(`/verify/${CODE.valid}?lng=en`).set('X-Forwarded-For', from).expect(429);
    expect(Number(after.headers['retry-after'])).to.be.within(1, left + 1);
    expect(mainText(after.text)).to.match(/Try again in \d+ min/);
    // Another address is not affected.
    await request(app).get(`/verify/${CODE.valid}`).set('X-Forwarded-For', '192.0.2.21').expect(200);
  });

  it('counts wrong check codes as misses too', async function () {
    this.timeout(60000);
    await clearOfWindowEdge(VERIFY_LIMITS.windowMs);
    const { app, valid } = await setup();
    for (let i = 0; i < VERIFY_LIMITS.misses; i++) {
      await request(app).get('/verify').query({ number: valid.number, check: `ZZZZ-${String(i).padStart(4, '0')}` }).set('X-Forwarded-For', '192.0.2.30').expect(404);
    }
    const res = await request(app).get('/verify').query({ number: valid.number, check: 'ZZZZ-9999' }).set('X-Forwarded-For', '192.0.2.30').expect(429);
    expect(res.headers['retry-after']).to.match(/^\d+$/);
  });
});
