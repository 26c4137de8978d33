import { expect } from 'chai';
import { Types } from 'mongoose';
import { AuditEntry } from '../../src/modules/audit';
import { ContinuityEntry, continuityChanged } from '../../src/modules/continuity';
import { Certificate, CertificateNumber, CertificatesService, allocateNumber } from '../../src/modules/certificates';
import { ManualClock } from '../../src/platform/clock';
import { ValidationError } from '../../src/platform/errors';
import { wibToUtc } from '../../src/platform/time';
import { createUser, createWorkshop } from '../support/factories';
import { createWorker } from '../support/people-factories';
import { createAssessment, createCertificate, createScheme, issueService } from '../support/certificates-factories';

const NOW = wibToUtc('2026-06-15', '10:00')!;

async function setup() {
  const clock = new ManualClock(NOW);
  const coordinator = await createUser({ roles: ['coordinator'], name: 'Joko Koordinator' });
  const actor = { id: coordinator.id, roles: ['coordinator'] };
  const workshop = await createWorkshop();
  const worker = await createWorker(workshop._id, { name: 'Slamet Riyadi' });
  const { issue, audit } = issueService(clock);
  const reader = new CertificatesService({ clock, audit });
  return { clock, actor, worker, issue, reader };
}

async function rejection(p: Promise<unknown>): Promise<ValidationError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('certificates: numbers', () => {
  it('gives 20 concurrent issues 20 distinct numbers of the issue year and trade', async function () {
    this.timeout(60000);
    const { clock, worker } = await setup();
    const scheme = await createScheme();
    const results = await Promise.all(Array.from({ length: 20 }, () => createCertificate(clock, { worker, scheme, issueDate: '2026-06-01' })));
    const numbers = results.map((r) => r.number);
    expect(new Set(numbers).size).to.equal(20);
    expect([...numbers].sort()).to.deep.equal(Array.from({ length: 20 }, (_, i) => `TKR/2026/LAS/${String(i + 1).padStart(6, '0')}`));
    expect(await Certificate.countDocuments()).to.equal(20);
  });

  it('never hands out a number again, even one whose certificate was never saved', async () => {
    const first = await allocateNumber(2026, 'machining', NOW);
    expect(first).to.equal('TKR/2026/MSN/000001');
    expect(await Certificate.countDocuments()).to.equal(0);
    expect(await allocateNumber(2026, 'machining', NOW)).to.equal('TKR/2026/MSN/000002');
    expect(await allocateNumber(2025, 'machining', NOW)).to.equal('TKR/2025/MSN/000001');
    expect(await CertificateNumber.countDocuments()).to.equal(3);
  });
});

describe('certificates: issuing from an assessment', () => {
  it('issues only when every unit is K, once per assessment, and records it in the audit trail', async () => {
    const { actor, worker, issue, reader } = await setup();
    const scheme = await createScheme({ validity: { kind: 'continuity', process: 'SMAW' } });
    const bk = await createAssessment(worker._id, scheme, { bk: true, date: '2026-06-01' });
    const err = await rejection(issue.issueFromAssessment(actor, bk.id, { issueDate: '2026-06-10' }));
    expect(err.fields._form).to.equal('certificates:issue.not_all_k');
    expect(await Certificate.countDocuments()).to.equal(0);

    const ok = await createAssessment(worker._id, scheme, { date: '2026-06-01' });
    expect((await rejection(issue.issueFromAssessment(actor, ok.id, { issueDate: '2026-05-31' }))).fields.issueDate).to.equal('certificates:validation.before');
    expect((await rejection(issue.issueFromAssessment(actor, ok.id, { issueDate: '2026-06-16' }))).fields.issueDate).to.equal('certificates:validation.future');
    const id = await issue.issueFromAssessment(actor, ok.id, { issueDate: '2026-06-10' });
    const cert = await reader.getCertificate(actor, id);
    expect(cert).to.include({ number: 'TKR/2026/LAS/000001', holderName: 'Slamet Riyadi', schemeName: scheme.name, source: 'assessment' });
    expect(cert.validity).to.deep.equal({ kind: 'continuity', process: 'SMAW' });
    expect(cert.units).to.have.length(2);
    expect(cert.verifyCode).to.match(/^[A-Za-z0-9_-]{32}$/);
    expect((await rejection(issue.issueFromAssessment(actor, ok.id, { issueDate: '2026-06-10' }))).fields._form).to.equal('certificates:issue.already_issued');
    const trail = await reader.trailOf(actor, id);
    expect(trail.map((t) => [t.action, t.actorName])).to.deep.equal([['certificate.issue', 'Joko Koordinator']]);
  });

  it('gives one certificate when the same assessment is issued twice at once', async () => {
    const { actor, worker, issue } = await setup();
    const a = await createAssessment(worker._id, await createScheme(), { date: '2026-06-01' });
    const outcomes = await Promise.allSettled([0, 1, 2].map(() => issue.issueFromAssessment(actor, a.id, { issueDate: '2026-06-10' })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
    expect(await Certificate.countDocuments({ assessment: a._id })).to.equal(1);
  });
});

describe('certificates: renewal and revocation', () => {
  it('links renewals both ways, shows the whole chain, and renews a certificate once', async () => {
    const { actor, clock, worker, issue, reader } = await setup();
    const first = await createCertificate(clock, { worker, issueDate: '2020-01-10' });
    const second = await issue.renew(actor, first.id, { issueDate: '2023-01-05' });
    const third = await issue.renew(actor, second, { issueDate: '2026-01-03' });
    const old = await Certificate.findById(first.id).lean();
    expect(String(old!.renewedBy)).to.equal(second);
    const newest = await Certificate.findById(third).lean();
    expect(newest).to.include({ source: 'renewal', schemeName: old!.schemeName });
    expect(String(newest!.renews)).to.equal(second);
    const page = await reader.getCertificate(actor, second);
    expect(page.chain.map((l) => [l.id, l.current])).to.deep.equal([[first.id, false], [second, true], [third, false]]);
    expect(page.chain.map((l) => l.state.status)).to.deep.equal(['expired', 'expired', 'valid']);
    expect((await rejection(issue.renew(actor, first.id, { issueDate: '2026-06-01' }))).fields._form).to.equal('certificates:renew.already');
    expect((await reader.trailOf(actor, second)).map((t) => t.action)).to.have.members(['certificate.renew', 'certificate.renewed']);
  });

  it('lets only one of two concurrent renewals through', async () => {
    const { actor, clock, worker, issue } = await setup();
    const first = await createCertificate(clock, { worker, issueDate: '2024-01-10' });
    const outcomes = await Promise.allSettled([issue.renew(actor, first.id, { issueDate: '2026-06-01' }), issue.renew(actor, first.id, { issueDate: '2026-06-02' })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
    expect(await Certificate.countDocuments({ renews: new Types.ObjectId(first.id) })).to.equal(1);
  });

  it('revokes with a reason, records who and when, and refuses a second revocation and a renewal', async () => {
    const { actor, clock, worker, issue, reader } = await setup();
    const cert = await createCertificate(clock, { worker, issueDate: '2026-01-10' });
    await issue.revoke(actor, cert.id, 'Pemalsuan dokumen portofolio');
    const page = await reader.getCertificate(actor, cert.id);
    expect(page.state.status).to.equal('revoked');
    expect(page.revoked).to.deep.include({ byName: 'Joko Koordinator', reason: 'Pemalsuan dokumen portofolio' });
    expect(page.revoked!.at.toISOString()).to.equal(NOW.toISOString());
    const entry = await AuditEntry.findOne({ subject: new Types.ObjectId(cert.id), action: 'certificate.revoke' }).lean();
    expect(entry).to.include({ actorName: 'Joko Koordinator' });
    expect(entry!.details).to.deep.include({ reason: 'Pemalsuan dokumen portofolio', number: cert.number });
    expect((await rejection(issue.revoke(actor, cert.id, 'Lagi dicabut saja'))).fields._form).to.equal('certificates:revoke.already');
    expect((await rejection(issue.renew(actor, cert.id, { issueDate: '2026-06-01' }))).fields._form).to.equal('certificates:renew.revoked');
    expect(await AuditEntry.countDocuments({ subject: new Types.ObjectId(cert.id) })).to.equal(1);
  });

  it('refuses issuing, renewing and revoking to anyone but coordinators and admins', async () => {
    const { clock, worker, issue } = await setup();
    const cert = await createCertificate(clock, { worker, issueDate: '2026-01-10' });
    const manager = { id: String(new Types.ObjectId()), roles: ['manager'], workshopId: String(worker.workshop) };
    for (const attempt of [issue.revoke(manager, cert.id, 'Tidak berhak mencabut'), issue.renew(manager, cert.id, { issueDate: '2026-06-01' })]) {
      const err = await attempt.then(() => null, (e: unknown) => e);
      expect(err).to.have.property('kind', 'forbidden');
    }
    expect(await Certificate.findById(cert.id).lean()).to.not.have.property('revokedAt');
  });
});

describe('certificates: status computed when read', () => {
  it('shows a welder lapsed with the last logged use, and still lapsed (needing a re-test) after a later use', async () => {
    const { actor, clock, worker, reader } = await setup();
    const cert = await createCertificate(clock, { worker, issueDate: '2025-06-10', validity: { kind: 'continuity', process: 'SMAW' } });
    await ContinuityEntry.create({ worker: worker._id, process: 'SMAW', date: wibToUtc('2025-11-20', '09:00')!, evidence: 'WPS-01' });
    await ContinuityEntry.create({ worker: worker._id, process: 'GMAW', date: wibToUtc('2026-06-01', '09:00')!, evidence: 'WPS-02' });
    await continuityChanged({ workers: [worker._id] });
    let page = await reader.getCertificate(actor, cert.id);
    expect(page.state).to.include({ status: 'lapsed', lastUse: '2025-11-20', endsOn: '2026-05-21', needsRetest: false });
    await ContinuityEntry.create({ worker: worker._id, process: 'SMAW', date: wibToUtc('2026-06-14', '09:00')!, evidence: 'WPS-03' });
    await continuityChanged({ workers: [worker._id] });
    page = await reader.getCertificate(actor, cert.id);
    expect(page.state).to.include({ status: 'lapsed', lastUse: '2025-11-20', endsOn: '2026-05-21', needsRetest: true });
    const stored = await Certificate.findById(cert.id).lean();
    expect(stored).to.not.have.property('status');
  });

  it('filters lists by the computed status and scopes managers to their workshop', async () => {
    const { actor, clock, worker, reader } = await setup();
    const other = await createWorker((await createWorkshop())._id, { name: 'Budi Lain' });
    await createCertificate(clock, { worker, issueDate: '2026-01-10' });
    await createCertificate(clock, { worker, issueDate: '2020-01-10' });
    await createCertificate(clock, { worker: other, issueDate: '2023-07-01' });
    const all = await reader.listCertificates(actor, { page: 1 });
    expect(all.total).to.equal(3);
    expect(all.counts).to.include({ valid: 1, expired: 1, expiring: 1 });
    const expired = await reader.listCertificates(actor, { page: 1, status: 'expired' });
    expect(expired.items.map((i) => i.issueDate.toISOString())).to.deep.equal([wibToUtc('2020-01-10', '00:00')!.toISOString()]);
    const manager = { id: String(new Types.ObjectId()), roles: ['manager'], workshopId: String(other.workshop) };
    const scoped = await reader.listCertificates(manager, { page: 1, workshop: String(worker.workshop) });
    expect(scoped.items.map((i) => i.holderName)).to.deep.equal(['Budi Lain']);
    const byName = await reader.listCertificates(actor, { page: 1, q: 'budi' });
    expect(byName.total).to.equal(1);
  });
});
