import { expect } from 'chai';
import { Certificate } from '../../src/modules/certificates';
import { issueService, createCertificate, createScheme } from '../support/certificates-factories';
import { PASSWORD, createUser } from '../support/factories';
import { buildApp } from '../support/harness';
import { mainText, signIn } from '../support/http';
import { reportClock, reportsFixture } from '../support/reports-factories';

const metric = (html: string, key: string) => new RegExp(`data-metric="${key}" data-value="([^"]*)"`).exec(html)?.[1];
/** The "not counting N renewed" note under a report figure (0 when there is none). */
const renewedNote = (html: string, key: string) => {
  const li = new RegExp(`data-metric="${key}"[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
  return Number(/data-renewed="(\d+)"/.exec(li)?.[1] ?? 0);
};
/** The certificates list's count per status, and how many of them are renewed. */
const listCount = (html: string, status: string) => Number(new RegExp(`href="/certificates\\?status=${status}"[^>]*><span[^>]*>[^<]*</span> (\\d+)`).exec(html)?.[1]);
const listRenewed = (html: string, status: string) => Number(new RegExp(`data-renewed-count="${status}">\\(\\D*(\\d+)`).exec(html)?.[1] ?? 0);

/*
 * The reports' certificate figures and the certificates list count the same certificates the same
 * way: one status definition (the certificates module's), "expiring" split into disjoint 0–30 and
 * 31–90 day buckets, and renewed (superseded) certificates listed with a mark and left out of the
 * report with a note saying how many.
 */
describe('reports: certificate figures agree with the certificates list', () => {
  it('counts every state the same on /reports and /certificates, renewed ones marked and noted', async function () {
    this.timeout(30_000);
    const clock = reportClock();
    const ctx = buildApp({ clock });
    // Alfa's welder holds a certificate expiring today; the formula-named worker one with 16 days left.
    const fx = await reportsFixture(clock);
    const scheme = await createScheme({ name: 'Skema Uji Status' });
    const oneYear = { kind: 'fixed_term' as const, years: 1 };
    const w = { _id: fx.welder._id, name: fx.welder.name };
    await createCertificate(clock, { worker: w, scheme, issueDate: '2025-01-01' }); // valid, > 90 days
    await createCertificate(clock, { worker: w, scheme, issueDate: '2023-08-01' }); // 47 days left
    await createCertificate(clock, { worker: w, scheme, issueDate: '2024-01-01', validity: oneYear }); // expired
    const old = await createCertificate(clock, { worker: w, scheme, issueDate: '2024-02-01', validity: oneYear }); // expired, then renewed
    await createCertificate(clock, { worker: w, scheme, issueDate: '2025-01-10', validity: { kind: 'continuity', process: 'SMAW' } }); // lapsed
    const revoked = await createCertificate(clock, { worker: w, scheme, issueDate: '2025-01-01' });
    await Certificate.updateOne({ _id: revoked.id }, { $set: { revokedAt: new Date('2025-03-01T00:00:00Z') } });
    const coordinator = await createUser({ roles: ['coordinator'], email: 'koor@takaru.test' });
    await issueService(clock).issue.renew({ id: String(coordinator._id), roles: ['coordinator'] }, old.id, { issueDate: '2026-06-01' });

    const agent = await signIn(ctx.app, 'koor@takaru.test', PASSWORD);
    const report = (await agent.get('/reports').expect(200)).text;
    const list = (await agent.get('/certificates').expect(200)).text;

    expect([metric(report, 'expiring_30'), metric(report, 'expiring_31_90'), metric(report, 'lapsed'), metric(report, 'expired')]).to.deep.equal(['2', '1', '1', '1']);
    // The same certificates, the same statuses: the report's buckets plus the renewed it leaves out.
    const r = (key: string) => Number(metric(report, key)) + renewedNote(report, key);
    expect(r('expiring_30') + r('expiring_31_90'), 'expiring').to.equal(listCount(list, 'expiring'));
    expect(r('lapsed'), 'lapsed').to.equal(listCount(list, 'lapsed'));
    expect(r('expired'), 'expired').to.equal(listCount(list, 'expired'));
    expect(listCount(list, 'expired')).to.equal(2);
    // The renewed certificate: noted under the report's figure, counted and marked on the list.
    expect(renewedNote(report, 'expired')).to.equal(1);
    expect(mainText(report)).to.contain('tidak termasuk 1 yang sudah diperpanjang');
    expect(listRenewed(list, 'expired')).to.equal(1);
    const expired = (await agent.get('/certificates?status=expired').expect(200)).text;
    expect((expired.match(/data-renewed(?=[\s>])/g) ?? []).length).to.equal(1);
    expect(mainText(expired)).to.contain('Diperpanjang');
    // A lapsed or expired certificate never reads "valid until" on the report.
    expect(mainText(report)).to.contain('Gugur').and.not.contain('Berlaku sampai');
    const en = (await agent.get('/reports?lng=en').expect(200)).text;
    expect(mainText(en)).to.contain('not counting 1 renewed').and.not.contain('Valid until');
  });
});
