import { expect } from 'chai';
import { seedDemoData } from '../../src/demo/seed';
import { User } from '../../src/modules/accounts';
import { AuditEntry } from '../../src/modules/audit';
import { ContinuityEntry } from '../../src/modules/continuity';
import {
  Certificate, CertificateScan, CertificatesService, CertificationAssessment, CertificationScheme, DEMO_VERIFY_KEYS, demoVerifyCode, seedCertificatesDemo,
} from '../../src/modules/certificates';
import { AuditService } from '../../src/modules/audit';
import { Worker } from '../../src/modules/workers';
import { buildApp } from '../support/harness';

describe('certificates: demo data', () => {
  it('has certificates in every state, several for the demo worker, a renewal chain, and seeds twice without change', async function () {
    this.timeout(240000);
    const { deps } = buildApp();
    await seedDemoData(deps);
    const reader = new CertificatesService({ clock: deps.clock, audit: new AuditService({ clock: deps.clock }) });
    const coordinator = await User.findOne({ email: 'koordinator@takaru.test' }).lean();
    const actor = { id: String(coordinator!._id), roles: ['coordinator'] };

    const all = await reader.listCertificates(actor, { page: 1 });
    expect(all.total).to.equal(DEMO_VERIFY_KEYS.length);
    for (const status of ['valid', 'expiring', 'lapsed', 'expired', 'revoked'] as const) expect(all.counts[status], status).to.be.at.least(1);

    const state = async (key: string) => {
      const c = await Certificate.findOne({ verifyCode: demoVerifyCode(key) }).lean();
      return reader.getCertificate(actor, String(c!._id));
    };
    const lapsed = await state('weld-lapsed');
    expect(lapsed.state.status).to.equal('lapsed');
    expect(lapsed.state.lastUse! < lapsed.state.endsOn!).to.equal(true);
    const lastSmaw = await ContinuityEntry.find({ worker: lapsed.workerId, process: 'SMAW' }).sort({ date: -1 }).limit(1).lean();
    expect(lastSmaw[0]!.date.getTime()).to.be.below(deps.clock.now().getTime() - 182 * 86_400_000);
    expect((await state('weld-expiring')).state).to.include({ status: 'expiring' });
    expect((await state('weld-expiring')).state.daysLeft).to.be.at.most(30);
    expect((await state('ahmad-mutu')).state.daysLeft).to.be.at.most(30);
    expect((await state('weld-valid')).state.status).to.equal('valid');
    expect((await state('weld-periodic-expired')).state.status).to.equal('expired');
    const revoked = await state('weld-revoked');
    expect(revoked.revoked!.reason).to.match(/radiografi/);
    expect((await state('ahmad-gmaw')).state.status).to.equal('valid');
    const renewal = await state('ahmad-k3-new');
    expect(renewal.chain.map((l) => l.state.status)).to.deep.equal(['expired', 'valid']);
    expect(await AuditEntry.countDocuments({ subject: revoked.id, action: 'certificate.revoke' })).to.equal(1);
    const history = await state('mutu-history');
    expect(history).to.include({ source: 'history', hasScan: true, originalNumber: 'LSP-LMT/QC/2024/0456' });

    const demoUser = await User.findOne({ email: 'pekerja@takaru.test' }).lean();
    const mine = await reader.myCertificates({ id: String(demoUser!._id), roles: ['worker'] });
    expect(mine.length).to.be.at.least(4);
    expect(new Set(mine.map((m) => m.state.status))).to.include.members(['valid', 'expiring', 'expired']);
    expect(await CertificationAssessment.countDocuments()).to.be.at.least(DEMO_VERIFY_KEYS.length + 1);
    expect(await CertificationScheme.countDocuments()).to.be.at.least(5);
    expect(await CertificationAssessment.countDocuments({ 'outcomes.outcome': 'BK' })).to.be.at.least(1);

    const counts = async () => Promise.all([Certificate, CertificationAssessment, CertificationScheme, ContinuityEntry, AuditEntry, CertificateScan, Worker].map((m) => (m as typeof Certificate).countDocuments()));
    const before = await counts();
    expect(await seedCertificatesDemo(deps)).to.equal(0);
    expect(await counts()).to.deep.equal(before);
  });
});
