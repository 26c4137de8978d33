import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn, type Agent } from '../support/http';
import { at, createProfile, createSessionWith, createUnit, createWorker, recordAssessment } from '../support/competencies-factories';

const SNEAKY = '=HYPERLINK("http://evil.test","klik")';

async function setup() {
  const ctx = buildApp();
  const las = await createUnit({ code: 'C.24LAS01.029.1', title: { id: 'Sambungan Las Kampuh', en: 'Groove welds' } });
  const k3 = await createUnit({ code: 'C.28LOG20.003.2', title: { id: 'Prinsip K3', en: 'Safety' }, trade: 'safety' });
  const bubut = await createUnit({ code: 'C.28LOG07.005.2', title: { id: 'Membubut Dasar', en: 'Basic turning' }, trade: 'machining' });
  await createProfile({ position: 'Juru las SMAW 3G', requirements: [{ unit: las._id, level: 3 }, { unit: k3._id, level: 3 }] });
  const shopA = await createWorkshop({ name: 'Logam Jaya' });
  const shopB = await createWorkshop({ name: 'Sinar Baja' });
  const budi = await createWorker({ name: 'Budi Santoso', workshop: shopA._id });
  const cahyo = await createWorker({ name: 'Cahyo Nugroho', workshop: shopA._id });
  const eko = await createWorker({ name: 'Eko Prasetyo', workshop: shopA._id, position: 'Operator bubut', trades: ['machining'] });
  const sneaky = await createWorker({ name: SNEAKY, workshop: shopB._id });
  const s = await createSessionWith({ units: [{ unit: las._id, level: 2 }, { unit: k3._id, level: 3 }], workers: [budi, sneaky] });
  const [eBudi, eSneaky] = s.enrollments as [(typeof s.enrollments)[number], (typeof s.enrollments)[number]];
  const c = s.course._id;
  await recordAssessment({ kind: 'pre', enrollment: eBudi, course: c, unit: las._id, level: 1, assessedAt: at('2026-03-02') });
  await recordAssessment({ kind: 'post', enrollment: eBudi, course: c, unit: las._id, level: 2, assessedAt: at('2026-03-06') });
  await recordAssessment({ kind: 'post', enrollment: eBudi, course: c, unit: k3._id, level: 3, assessedAt: at('2026-03-06') });
  await recordAssessment({ kind: 'post', enrollment: eSneaky, course: c, unit: las._id, level: 4, assessedAt: at('2026-03-06') });
  await createUser({ email: 'koor@mx.test', roles: ['coordinator'] });
  await createUser({ email: 'man@mx.test', roles: ['manager'], workshop: shopA._id });
  return { ...ctx, las, k3, bubut, shopA, shopB, budi, cahyo, eko, sneaky };
}

interface PageRow { name: string; cells: [number | null, number | null][]; total: number }

const unescape = (s: string) => s.replace(/&#34;|&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

/** The matrix table as the page shows it: per row the name, (level, gap) per unit column, total gap. */
function pageRows(html: string): PageRow[] {
  return [...html.matchAll(/<tr data-worker="[a-f0-9]{24}">([\s\S]*?)<\/tr>/g)].map(([, tr]) => ({
    name: unescape(/<span class="mx-name">([\s\S]*?)<\/span>/.exec(tr!)![1]!),
    cells: [...tr!.matchAll(/data-level="(\d?)" data-gap="(\d?)"/g)].map((m) => [num(m[1]), num(m[2])] as [number | null, number | null]),
    total: Number(/data-total="(\d+)"/.exec(tr!)![1]),
  }));
}

/** The exported table as rows in the page's shape (the name as exported: neutralised). */
function exportRows(rows: unknown[][], units: number): PageRow[] {
  return rows.map((r) => ({
    name: String(r[0]),
    cells: Array.from({ length: units }, (_, i) => [num(String(r[3 + 2 * i] ?? '')), num(String(r[4 + 2 * i] ?? ''))] as [number | null, number | null]),
    total: Number(r[3 + 2 * units]),
  }));
}

const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function xlsxRows(agent: Agent, url: string): Promise<unknown[][]> {
  const res = await agent.get(url).buffer(true).parse(binary as never).expect(200);
  expect(res.headers['content-disposition']).to.match(/^attachment; filename="?matriks-kompetensi-\d{4}-\d{2}-\d{2}\.xlsx"?$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as ExcelJS.Buffer);
  const sheet = book.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('competencies: the skills matrix', () => {
  it('shows levels as numbers and colours, and gaps against each worker\'s profile with a symbol, sorted by name or gap', async () => {
    const t = await setup();
    const agent = await signIn(t.app, 'koor@mx.test', PASSWORD);
    const res = await agent.get('/competencies/matrix?position=juru+las+smaw+3g').expect(200);
    expect(pageRows(res.text)).to.deep.equal([
      { name: SNEAKY, cells: [[4, 0], [null, 3]], total: 3 },
      { name: 'Budi Santoso', cells: [[2, 1], [3, 0]], total: 1 },
      { name: 'Cahyo Nugroho', cells: [[null, 3], [null, 3]], total: 6 },
    ]);
    expect(res.text).to.include('class="mx-cell lvl-2 mx-gap"').and.include('▼1').and.include('✓');
    const text = mainText(res.text);
    expect(text).to.include('C.24LAS01.029.1').and.include('level 2, dibutuhkan 3, kurang 1').and.include('Keterangan');
    const byGap = pageRows((await agent.get('/competencies/matrix?position=Juru+las+SMAW+3G&sort=gap').expect(200)).text);
    expect(byGap.map((r) => [r.name, r.total])).to.deep.equal([['Cahyo Nugroho', 6], [SNEAKY, 3], ['Budi Santoso', 1]]);
  });

  it('takes the trade\'s units as columns for a trade filter, and filters by workshop', async () => {
    const t = await setup();
    const agent = await signIn(t.app, 'koor@mx.test', PASSWORD);
    const html = (await agent.get(`/competencies/matrix?trade=machining&workshop=${t.shopA.id}`).expect(200)).text;
    expect(pageRows(html)).to.deep.equal([{ name: 'Eko Prasetyo', cells: [[null, null]], total: 0 }]);
    expect(mainText(html)).to.include('Kolom: semua unit bidang Pemesinan');
    const shopB = pageRows((await agent.get(`/competencies/matrix?workshop=${t.shopB.id}`).expect(200)).text);
    expect(shopB.map((r) => r.name)).to.deep.equal([SNEAKY]);
  });

  it('shows a manager their own workshop only and refuses another workshop, on the page and in exports', async () => {
    const t = await setup();
    const agent = await signIn(t.app, 'man@mx.test', PASSWORD);
    const rows = pageRows((await agent.get('/competencies/matrix').expect(200)).text);
    expect(rows.map((r) => r.name)).to.deep.equal(['Budi Santoso', 'Cahyo Nugroho', 'Eko Prasetyo']);
    await agent.get(`/competencies/matrix?workshop=${t.shopB.id}`).expect(403);
    await agent.get(`/competencies/matrix.csv?workshop=${t.shopB.id}`).expect(403);
    await agent.get(`/competencies/matrix.xlsx?workshop=${t.shopB.id}`).expect(403);
    const csv = parse((await agent.get('/competencies/matrix.csv').expect(200)).text, { bom: true }) as string[][];
    expect(csv.slice(1).map((r) => r[0])).to.deep.equal(['Budi Santoso', 'Cahyo Nugroho', 'Eko Prasetyo']);
    expect(csv.flat().join(' ')).not.to.include('HYPERLINK');
  });

  it('exports the same table as CSV and XLSX, honouring filters and sort, with formulas neutralised', async () => {
    const t = await setup();
    const agent = await signIn(t.app, 'koor@mx.test', PASSWORD);
    const query = 'position=Juru+las+SMAW+3G&sort=gap';
    const page = pageRows((await agent.get(`/competencies/matrix?${query}`).expect(200)).text);
    const asExported = page.map((r) => ({ ...r, name: r.name === SNEAKY ? `'${SNEAKY}` : r.name }));

    const csvRes = await agent.get(`/competencies/matrix.csv?${query}`).expect(200);
    expect(csvRes.headers['content-type']).to.match(/^text\/csv/);
    const csv = parse(csvRes.text, { bom: true }) as string[][];
    expect(csv[0]).to.deep.equal(['Pekerja', 'Bengkel', 'Jabatan', 'C.24LAS01.029.1 level', 'C.24LAS01.029.1 kekurangan', 'C.28LOG20.003.2 level', 'C.28LOG20.003.2 kekurangan', 'Total kekurangan']);
    expect(exportRows(csv.slice(1), 2)).to.deep.equal(asExported);
    expect(csv[2]![0]).to.equal(`'${SNEAKY}`);

    const xlsx = await xlsxRows(agent, `/competencies/matrix.xlsx?${query}`);
    expect(xlsx[0]).to.deep.equal(csv[0]);
    expect(exportRows(xlsx.slice(1), 2)).to.deep.equal(asExported);
    expect(xlsx[2]![0]).to.equal(`'${SNEAKY}`);
    expect(typeof xlsx[1]![7]).to.equal('number');
  });

  it('is not for workers or instructors', async () => {
    const t = await setup();
    await createUser({ email: 'ins@mx.test', roles: ['instructor'] });
    await (await signIn(t.app, 'ins@mx.test', PASSWORD)).get('/competencies/matrix').expect(403);
    await createWorker({ email: 'w@mx.test', workshop: t.shopA._id });
    await (await signIn(t.app, 'w@mx.test', PASSWORD)).get('/competencies/matrix.csv').expect(403);
  });
});
