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
import { VERIFY_LIMIT } from '../../src/modules/certificates/certificates.routes';

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

  it('limits lookups per address against guessing: the 61st in 15 minutes gets 429', async function () {
    this.timeout(60000);
    await clearOfWindowEdge(VERIFY_LIMIT.windowMs);
    const { app } = await setup();
    for (let i = 0; i < 60; i++) await request(app).get(`/verify/GUESSguessGUESSguessGUESSgues${String(i).padStart(3, '0')}`).expect(404);
    const res = await request(app).get(`/verify/${CODE.valid}`).expect(429);
    expect(mainText(res.text)).to.include('Terlalu banyak permintaan');
  });
});
