import { expect } from 'chai';
import { CertificationScheme } from '../../src/modules/certificates';
import { Workshop } from '../../src/modules/workshops';
import { DASHBOARD_INDEX_ROWS } from '../../src/modules/reports/dashboard.view';
import { createCertificate, type createScheme } from '../support/certificates-factories';
import { createWorker } from '../support/competencies-factories';
import { PASSWORD, createUser, createWorkshop } from '../support/factories';
import { buildApp } from '../support/harness';
import { mainText, signIn } from '../support/http';
import { reportClock, reportsFixture } from '../support/reports-factories';

/** The `data-value` of column `col` in each body row of the page's table `key`. */
function column(html: string, key: string, col: number): string[] {
  const table = new RegExp(`<table[^>]*data-table="${key}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/data-value="([^"]*)"/g)][col]?.[1] ?? '');
}
/** The "showing N of M" line under the page's table `key`, if any. */
const moreLine = (html: string, key: string) => {
  const after = html.slice(html.indexOf(`data-table="${key}"`));
  const m = /<\/table>\s*<\/div>\s*(?:<p class="muted rp-more" data-shown="(\d+)" data-total="(\d+)">)?/.exec(after);
  return m?.[1] ? { shown: Number(m[1]), total: Number(m[2]) } : null;
};
const SHOPS = /(?:CV\. )?(?:Bengkel Indeks \d\d|Alfa Logam|Beta Baja)/g;

/*
 * The competitiveness index table listed every workshop on every coordinator page view (200 rows at
 * full scale). The page shows the highest ranked `DASHBOARD_INDEX_ROWS` (as the chart does), says
 * how many there are, and adds the chosen workshop's row when it is further down; the exports keep
 * every row; a manager still sees their own row only. The same from a snapshot, whose decoded report
 * is kept in the process (one object per build and scope, frozen) instead of decoded per request.
 */
describe('reports: the index table shows the highest ranked workshops, the export all of them', () => {
  it('shows 20 of 24 rows in rank order with the total, the chosen workshop added; CSV all; manager one row', async function () {
    this.timeout(120_000);
    const clock = reportClock();
    const ctx = buildApp({ clock });
    const fx = await reportsFixture(clock);
    const scheme = (await CertificationScheme.findOne({ name: 'Skema Las Alfa' }))! as unknown as Awaited<ReturnType<typeof createScheme>>;
    // 22 more workshops of 5 workers each, 0–4 of them certified: indexes of 0 to 26.7, some equal.
    for (let k = 0; k < 22; k++) {
      const shop = await createWorkshop({ name: `Bengkel Indeks ${String(k).padStart(2, '0')}` });
      for (let i = 0; i < 5; i++) {
        const w = await createWorker({ workshop: shop._id, position: 'Juru las SMAW 3G' });
        if (i < k % 5) await createCertificate(clock, { worker: { _id: w._id, name: w.name }, scheme, issueDate: '2026-01-10' });
      }
    }
    clock.advance(1000);
    await createUser({ roles: ['coordinator'], email: 'koor.indeks@takaru.test' });
    const coordinator = await signIn(ctx.app, 'koor.indeks@takaru.test', PASSWORD);

    const csv = (await coordinator.get('/reports/export.csv?table=index').expect(200)).text;
    const all = [...csv.matchAll(SHOPS)].map((m) => m[0]);
    expect(all, 'every workshop with workers in the export').to.have.length(24);

    const check = async (what: string) => {
      const html = (await coordinator.get('/reports?lng=id').expect(200)).text;
      const names = column(html, 'index', 1);
      expect(names, `${what}: the highest ranked, in the export's order`).to.deep.equal(all.slice(0, DASHBOARD_INDEX_ROWS));
      const ranks = column(html, 'index', 0).filter((r) => r !== '').map(Number);
      expect(ranks, `${what}: ranks ascending`).to.deep.equal([...ranks].sort((a, b) => a - b));
      expect(moreLine(html, 'index'), what).to.deep.equal({ shown: DASHBOARD_INDEX_ROWS, total: 24 });
      expect(mainText(html)).to.contain(`Menampilkan ${DASHBOARD_INDEX_ROWS} dari 24 baris, peringkat tertinggi lebih dulu`);
      return html;
    };
    await check('computed on read');
    const en = (await coordinator.get('/reports?lng=en').expect(200)).text;
    expect(mainText(en)).to.contain(`Showing ${DASHBOARD_INDEX_ROWS} of 24 rows, the highest ranked first`);

    // A workshop chosen further down: its row follows the first 20, said so.
    const last = await Workshop.findOne({ name: all.at(-1)!.replace(/^CV\. /, '') }).lean();
    const chosen = (await coordinator.get(`/reports?lng=id&workshop=${String(last!._id)}`).expect(200)).text;
    expect(column(chosen, 'index', 1)).to.deep.equal([...all.slice(0, DASHBOARD_INDEX_ROWS), all.at(-1)]);
    expect(mainText(chosen)).to.contain('Bengkel yang dipilih ada di baris terakhir.');

    // A manager: their own row only, no count of the others' rows.
    const manager = await signIn(ctx.app, 'manajer.alfa@takaru.test', PASSWORD);
    const mine = (await manager.get('/reports').expect(200)).text;
    expect(column(mine, 'index', 1)).to.deep.equal(['CV. Alfa Logam']);
    expect(moreLine(mine, 'index')).to.equal(null);
    expect(mine).to.not.contain('Bengkel Indeks');
    expect((await manager.get('/reports/export.csv?table=index').expect(200)).text).to.not.contain('Bengkel Indeks');

    // From a snapshot: the same page; its report is decoded once and shared, frozen.
    const snapshots = ctx.services.reports.snapshots;
    await snapshots.build();
    const html = await check('from a snapshot');
    expect(html).to.contain('data-snapshot="fresh"');
    const scope = { workshopId: null, trade: null };
    const a = await snapshots.lookup('12m', scope);
    const b = await snapshots.lookup('12m', scope);
    expect(b!.report, 'one decoded report per build and scope').to.equal(a!.report);
    expect(Object.isFrozen(a!.report.index) && Object.isFrozen(a!.report.index[0])).to.equal(true);
    // A new build is read anew.
    clock.advance(1000);
    await snapshots.build();
    const c = await snapshots.lookup('12m', scope);
    expect(c!.report).to.not.equal(a!.report);
    expect(c!.report.index.map((r) => r.name)).to.deep.equal(a!.report.index.map((r) => r.name));
    expect((await ctx.services.reports.snapshots.lookup('12m', { workshopId: String(fx.alfa._id), trade: null }))!.report.scope.workshopId).to.equal(String(fx.alfa._id));
  });
});
