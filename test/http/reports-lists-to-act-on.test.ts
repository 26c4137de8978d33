import { expect } from 'chai';
import { DASHBOARD_LIST_ROWS } from '../../src/modules/reports/dashboard.view';
import { createCertificate, createScheme } from '../support/certificates-factories';
import { PASSWORD, createUser } from '../support/factories';
import { buildApp } from '../support/harness';
import { mainText, signIn } from '../support/http';
import { reportClock, reportsFixture } from '../support/reports-factories';

/** The `data-value` of column `col` in each body row of the page's table `key`. */
function column(html: string, key: string, col: number): string[] {
  const table = new RegExp(`<table[^>]*data-table="${key}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/data-value="([^"]*)"/g)][col]?.[1] ?? '');
}

/*
 * The dashboard's certificate list is a list to act on: at LIK scale it had thousands of rows (1,848
 * on the ci-scale data, a 1.5 MB page), oldest expiry first. The page shows the most urgent rows — the
 * soonest to expire, then the most recently expired — says how many there are, and the export keeps
 * every row.
 */
describe('reports: the dashboard lists the most urgent certificates, the export all of them', () => {
  it('shows 20 rows, soonest expiry first then the latest expired, with the total; the CSV has every row', async function () {
    this.timeout(60_000);
    const clock = reportClock(); // 15 June 2026
    const ctx = buildApp({ clock });
    const fx = await reportsFixture(clock);
    const scheme = await createScheme({ name: 'Skema Uji Daftar' });
    const oneYear = { kind: 'fixed_term' as const, years: 1 };
    const w = { _id: fx.welder._id, name: fx.welder.name };
    // Three expiring (5, 16 and 47 days left) and 24 expired over the years before.
    for (const issueDate of ['2025-06-20', '2025-07-01', '2025-08-01']) await createCertificate(clock, { worker: w, scheme, issueDate, validity: oneYear });
    for (let i = 0; i < 24; i++) {
      const year = 2019 + Math.floor(i / 4);
      const month = String(1 + (i % 4) * 3).padStart(2, '0');
      await createCertificate(clock, { worker: w, scheme, issueDate: `${year}-${month}-10`, validity: oneYear });
    }
    await createUser({ roles: ['coordinator'], email: 'koor@takaru.test' });
    const agent = await signIn(ctx.app, 'koor@takaru.test', PASSWORD);

    const csv = (await agent.get('/reports/export.csv?table=certificates').expect(200)).text;
    const html = (await agent.get('/reports').expect(200)).text;
    const daysLeft = column(html, 'certificates', 5);
    const lastDays = column(html, 'certificates', 4);
    expect(lastDays, 'rows shown').to.have.length(DASHBOARD_LIST_ROWS);
    const total = Number(/class="muted rp-more" data-shown="\d+" data-total="(\d+)"/.exec(html)?.[1]);
    expect(total, 'the total said under the table').to.be.at.least(27);
    expect(csv.split('\n').filter((l) => l.includes('Skema Uji Daftar')), 'every certificate of the test in the export').to.have.length(27);
    // Soonest expiry first (days left, ascending), then the most recently expired (last day, descending).
    const firstExpired = daysLeft.findIndex((d) => d === '');
    expect(firstExpired, 'expiring ones lead').to.be.at.least(3);
    const expiring = daysLeft.slice(0, firstExpired).map(Number);
    expect(expiring).to.deep.equal([...expiring].sort((a, b) => a - b));
    expect(expiring).to.include.members([5, 16, 47]);
    const expired = lastDays.slice(firstExpired);
    expect(daysLeft.slice(firstExpired).every((d) => d === '')).to.equal(true);
    expect(expired).to.deep.equal([...expired].sort().reverse());
    expect(expired[0], 'the latest expired first (issued 10 Oct 2024 for a year)').to.equal('2025-10-10');
    expect(mainText(html)).to.contain(`Menampilkan ${DASHBOARD_LIST_ROWS} dari ${total} baris`);
    const en = (await agent.get('/reports?lng=en').expect(200)).text;
    expect(mainText(en)).to.contain(`Showing ${DASHBOARD_LIST_ROWS} of ${total} rows, the most urgent first`);
  });
});
