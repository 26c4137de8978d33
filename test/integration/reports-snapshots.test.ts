import { expect } from 'chai';
import mongoose from 'mongoose';
import { Worker } from '../../src/modules/workers';
import { buildReport, loadReportData, resolvePeriod, scopesOf } from '../../src/modules/reports';
import { PERIODS } from '../../src/modules/reports/period';
import { ReportChange, ReportSnapshot } from '../../src/modules/reports/snapshot.model';
import { buildApp } from '../support/harness';
import { PASSWORD } from '../support/factories';
import { signIn } from '../support/http';
import { reportClock, reportsFixture } from '../support/reports-factories';

const DAY_MS = 86_400_000;

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/*
 * Snapshots hold exactly what the dashboard computes on read (for every preset and stored scope, read
 * back through serialisation), know when data changed after them, and the dashboard uses them only
 * when they are fresh or when computing on read is slow — and says which.
 */
describe('reports: snapshots', () => {
  let ctx: ReturnType<typeof buildApp>;
  let fx: Awaited<ReturnType<typeof reportsFixture>>;
  let clock: ReturnType<typeof reportClock>;
  let stop: (() => void) | undefined;
  beforeEach(async () => {
    clock = reportClock();
    ctx = buildApp({ clock });
    fx = await reportsFixture(clock);
    clock.advance(1000);
  });
  afterEach(() => stop?.());

  it('stores, for every preset and scope, the same report as computing it on read', async function () {
    this.timeout(60_000);
    const summary = await ctx.services.reports.snapshots.build();
    const sample = await loadReportData(resolvePeriod(clock.now(), '12m'), clock.now());
    const scopes = scopesOf(sample);
    // LIK-level for any trade and each trade; each workshop for any trade and its workers' trades.
    expect(scopes).to.deep.include({ workshopId: null, trade: 'casting' });
    expect(scopes).to.deep.include({ workshopId: String(fx.alfa._id), trade: 'welding' });
    expect(scopes).to.not.deep.include({ workshopId: String(fx.alfa._id), trade: 'casting' });
    expect(summary.scopes).to.equal(scopes.length * PERIODS.length);
    for (const preset of PERIODS) {
      const live = await loadReportData(resolvePeriod(clock.now(), preset), clock.now());
      for (const scope of scopes) {
        const snap = await ctx.services.reports.snapshots.lookup(preset, scope);
        expect(snap, `${preset} ${JSON.stringify(scope)}`).to.not.equal(null);
        expect(snap!.fresh).to.equal(true);
        expect(snap!.report, `${preset} ${JSON.stringify(scope)}`).to.deep.equal(buildReport(live, scope));
      }
    }
    // The presets really differ on this fixture: the March training is outside the last 3 months.
    const m3 = await ctx.services.reports.snapshots.lookup('3m', { workshopId: null, trade: null });
    const m12 = await ctx.services.reports.snapshots.lookup('12m', { workshopId: null, trade: null });
    expect(m3!.report.training.workersTrained).to.equal(0);
    expect(m12!.report.training.workersTrained).to.equal(2);
    // One build's documents only: a second build replaces the first.
    await ctx.services.reports.snapshots.build();
    expect(await ReportSnapshot.countDocuments({ _id: mongoose.trusted({ $regex: /^snap:/ }) })).to.equal(summary.scopes);
  });

  it('knows when data changed after it was built, and builds again only then', async function () {
    this.timeout(60_000);
    stop = ctx.services.reports.snapshots.observe(mongoose.connection);
    const snapshots = ctx.services.reports.snapshots;
    expect(await snapshots.buildIfNeeded()).to.not.equal(null);
    expect(await snapshots.buildIfNeeded(), 'nothing changed').to.equal(null);
    const scope = { workshopId: String(fx.alfa._id), trade: null };
    expect((await snapshots.lookup('12m', scope))!.fresh).to.equal(true);

    clock.advance(1000);
    await Worker.updateOne({ _id: fx.welder._id }, { $set: { position: 'Operator bubut' } });
    await until(async () => !!(await ReportChange.findById('latest').lean()), 'the change mark');
    const stale = await snapshots.lookup('12m', scope);
    expect(stale!.fresh).to.equal(false);
    expect(stale!.report.certified.certified.den).to.equal(1);

    clock.advance(1000);
    expect(await snapshots.buildIfNeeded(), 'data changed').to.not.equal(null);
    const fresh = await snapshots.lookup('12m', scope);
    expect(fresh!.fresh).to.equal(true);
    expect(fresh!.report.certified.certified.den, 'the welder has no profile any more').to.equal(0);

    // Writes to collections the reports do not read change nothing.
    clock.advance(1000);
    await mongoose.connection.db!.collection('unrelated_test').insertOne({ at: new Date() });
    await new Promise((r) => setTimeout(r, 300));
    expect(await snapshots.buildIfNeeded()).to.equal(null);

    // A new WIB day: the periods end on another day, so yesterday's snapshot is not used.
    clock.advance(DAY_MS);
    expect(await snapshots.lookup('12m', scope)).to.equal(null);
  });

  it('says how fresh the figures are in exactly one line: computed just now, as of a fresh snapshot, or a stale one being redone', async function () {
    this.timeout(60_000);
    stop = ctx.services.reports.snapshots.observe(mongoose.connection);
    await ctx.services.reports.snapshots.build();
    const agent = await signIn(ctx.app, 'manajer.alfa@takaru.test', PASSWORD);
    const lines = (html: string) => html.match(/<p[^>]*data-freshness[^>]*>[^<]*<\/p>/g) ?? [];
    const page = async (a: typeof agent, url: string) => {
      const html = (await a.get(url).expect(200)).text;
      const found = lines(html);
      expect(found, url).to.have.length(1);
      // Nothing else on the page claims how the figures were computed.
      expect(html.replace(found[0]!, '')).to.not.match(/saat halaman dibuka|Dihitung baru saja|Angka per|diperbarui dalam/);
      return found[0]!;
    };
    const fresh = await page(agent, '/reports');
    expect(fresh).to.contain('data-snapshot="fresh"').and.match(/Angka per [^;<]+\.</);
    expect(fresh).to.not.contain('diperbarui');
    const live = await page(agent, '/reports?from=2026-01-01&to=2026-06-15');
    expect(live).to.contain('data-freshness="live"').and.contain('Dihitung baru saja.');

    clock.advance(1000);
    await Worker.updateOne({ _id: fx.welder._id }, { $set: { position: 'Operator bubut' } });
    await until(async () => !!(await ReportChange.findById('latest').lean()), 'the change mark');
    expect(await page(agent, '/reports')).to.contain('Dihitung baru saja.');
    const slow = buildApp({ clock, env: { REPORTS_LIVE_MAX_MS: '0' } });
    const stale = await page(await signIn(slow.app, 'manajer.alfa@takaru.test', PASSWORD), '/reports');
    expect(stale).to.contain('data-snapshot="stale"').and.match(/Angka per [^;<]+; data berubah sesudahnya, angka diperbarui dalam 10 menit\./);
  });

  it('serves a fresh snapshot, computes on read when stale and cheap, shows a stale one (saying so) when slow', async function () {
    this.timeout(60_000);
    stop = ctx.services.reports.snapshots.observe(mongoose.connection);
    await ctx.services.reports.snapshots.build();
    const agent = await signIn(ctx.app, 'manajer.alfa@takaru.test', PASSWORD);
    const fresh = await agent.get('/reports').expect(200);
    expect(fresh.text).to.contain('data-snapshot="fresh"');
    expect(fresh.text).to.match(/data-metric="certified_share" data-value="100"/);
    // Custom dates are not snapshotted: computed on read.
    const custom = await agent.get('/reports?from=2026-01-01&to=2026-06-15').expect(200);
    expect(custom.text).to.not.contain('data-snapshot');

    clock.advance(1000);
    await Worker.updateOne({ _id: fx.welder._id }, { $set: { position: 'Operator bubut' } });
    await until(async () => !!(await ReportChange.findById('latest').lean()), 'the change mark');
    // The build measured a fast computation (a two-workshop fixture): the page computes on read.
    const live = await agent.get('/reports').expect(200);
    expect(live.text).to.not.contain('data-snapshot');
    expect(live.text).to.match(/data-metric="certified_share" data-value=""/);

    // Where computing on read is slower than REPORTS_LIVE_MAX_MS, the stale snapshot is shown, marked.
    const slow = buildApp({ clock, env: { REPORTS_LIVE_MAX_MS: '0' } });
    const agentSlow = await signIn(slow.app, 'manajer.alfa@takaru.test', PASSWORD);
    const stale = await agentSlow.get('/reports').expect(200);
    expect(stale.text).to.contain('data-snapshot="stale"');
    expect(stale.text).to.contain('data berubah sesudahnya');
    expect(stale.text).to.match(/data-metric="certified_share" data-value="100"/);
    // Exports read the same figures as the page.
    const csv = await agentSlow.get('/reports/export.csv?table=summary').expect(200);
    expect(csv.text).to.contain('100');
  });
});
