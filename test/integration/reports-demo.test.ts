import { expect } from 'chai';
import { seedDemoData } from '../../src/demo/seed';
import { User } from '../../src/modules/accounts';
import { JobProfile } from '../../src/modules/competencies';
import { CertificationScheme } from '../../src/modules/certificates';
import { meetsCoreScheme } from '../../src/modules/reports/metrics';
import { buildApp } from '../support/harness';

/*
 * On the seeded demo, the demo manager's "certified workforce" is a real figure: their workshop has
 * workers certified in their positions' core schemes, and no job profile names a scheme that does
 * not exist (which would read as 0 % with nothing to say why).
 */
describe('reports on the seeded demo', () => {
  it('shows the demo manager a certified share above 0 and no core scheme without a scheme', async function () {
    this.timeout(240000);
    const { deps, services } = buildApp();
    await seedDemoData(deps);

    const schemes = (await CertificationScheme.find({}, { name: 1 }).lean()).map((s) => s.name);
    for (const p of await JobProfile.find({ coreScheme: /./ }, { position: 1, coreScheme: 1 }).lean()) {
      expect(schemes.some((s) => meetsCoreScheme(s, p.coreScheme!)), `${p.position} → ${p.coreScheme}`).to.equal(true);
    }

    const manager = await User.findOne({ email: 'manajer@takaru.test' }).lean();
    const actor = { id: String(manager!._id), roles: ['manager'], workshopId: String(manager!.workshop) };
    const view = await services.reports.reports.report(actor, {});
    expect(view.report.certified.unknownSchemes).to.deep.equal([]);
    expect(view.report.certified.certified.den).to.be.at.least(5);
    expect(view.report.certified.certified.num).to.be.at.least(3);
    expect(view.report.certified.certified.pct).to.be.greaterThan(0);

    const coordinator = await User.findOne({ email: 'koordinator@takaru.test' }).lean();
    const all = await services.reports.reports.report({ id: String(coordinator!._id), roles: ['coordinator'] }, {});
    expect(all.report.certified.unknownSchemes).to.deep.equal([]);
    expect(all.report.certified.certified.num).to.be.greaterThan(view.report.certified.certified.num);
  });
});
