import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { JobProfile } from '../../src/modules/competencies';
import { buildApp } from '../support/harness';
import { PASSWORD, createUser } from '../support/factories';
import { mainText, signIn, type Agent } from '../support/http';
import { reportClock, reportsFixture } from '../support/reports-factories';

const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const metric = (html: string, key: string) => new RegExp(`data-metric="${key}" data-value="([^"]*)"`).exec(html)?.[1];

describe('reports: dashboard, exports and capability statement over HTTP', () => {
  let ctx: ReturnType<typeof buildApp>;
  let fx: Awaited<ReturnType<typeof reportsFixture>>;
  beforeEach(async () => {
    const clock = reportClock();
    ctx = buildApp({ clock });
    fx = await reportsFixture(clock);
  });
  const as = (email: string): Promise<Agent> => signIn(ctx.app, email, PASSWORD);

  it('shows the manager their workshop\'s figures, rank without other names, and a bilingual note per figure', async () => {
    const agent = await as('manajer.alfa@takaru.test');
    const res = await agent.get('/reports').expect(200);
    expect(metric(res.text, 'workers')).to.equal('2');
    expect(metric(res.text, 'workers_trained')).to.equal('2');
    expect(metric(res.text, 'certified_share')).to.equal('100'); // the certificate expiring today still counts
    expect(metric(res.text, 'expiring_30')).to.equal('2');
    const text = mainText(res.text);
    expect(text).to.contain('Cara menghitung');
    // Alfa has 2 workers: every index component rests on fewer than 5 people — no index, no rank
    // (the small-n rules: test/unit/reports-index-small-n.test.ts); the components still show their n.
    expect(text).to.contain('Indeks daya saing: data belum cukup');
    expect(text).to.contain('dasar 2 dari 2 pekerja');
    expect(text).not.to.contain('peringkat 1 dari');
    expect(text).not.to.contain('Beta Baja');
    expect(text).not.to.contain('Rahmat Beta');
    expect(res.text).to.contain('<svg').and.contain('role="img"').and.contain('<title id="chart-index-title"').and.contain('<desc id=');
    const en = await agent.get('/reports?lng=en').expect(200);
    expect(mainText(en.text)).to.contain('How this is computed');
  });

  it('says when a job profile\'s core scheme names no certification scheme, instead of a silent 0 %', async () => {
    const agent = await as('manajer.alfa@takaru.test');
    expect((await agent.get('/reports').expect(200)).text).not.to.contain('data-unknown-schemes');
    await JobProfile.updateOne({ positionKey: 'juru las smaw 3g' }, { $set: { coreScheme: 'Skema Las Alfa 3G' } });
    const res = await agent.get('/reports').expect(200);
    expect(metric(res.text, 'certified_share')).to.equal('0');
    expect(mainText(res.text)).to.contain('tidak cocok dengan skema sertifikasi mana pun: Skema Las Alfa 3G');
  });

  it('ignores a manager\'s ?workshop= naming another workshop: still their own figures, no other names', async () => {
    const agent = await as('manajer.beta@takaru.test');
    const res = await agent.get(`/reports?workshop=${String(fx.alfa._id)}`).expect(200);
    expect(metric(res.text, 'workers')).to.equal('1');
    expect(mainText(res.text)).not.to.contain('Alfa Logam');
    expect(mainText(res.text)).not.to.contain('Sutarno Alfa');
    const csv = await agent.get(`/reports/export.csv?table=certificates&workshop=${String(fx.alfa._id)}`).expect(200);
    expect(csv.text).not.to.contain('Sutarno');
    const cap = await agent.get(`/reports/capability?workshop=${String(fx.alfa._id)}`).expect(200);
    expect(mainText(cap.text)).to.contain('Beta Baja').and.not.contain('Alfa Logam');
  });

  it('lets a coordinator see all of LIK Takaru and choose a workshop; refuses workers and instructors', async () => {
    await createUser({ roles: ['coordinator'], email: 'koor@takaru.test' });
    const agent = await as('koor@takaru.test');
    const all = await agent.get('/reports').expect(200);
    expect(metric(all.text, 'workers')).to.equal('3');
    expect(mainText(all.text)).to.contain('Alfa Logam').and.contain('Beta Baja');
    const beta = await agent.get(`/reports?workshop=${String(fx.beta._id)}&trade=welding&period=24m`).expect(200);
    expect(metric(beta.text, 'workers')).to.equal('1');
    await createUser({ roles: ['worker'], email: 'w@takaru.test' });
    await (await as('w@takaru.test')).get('/reports').expect(403);
    await createUser({ roles: ['instructor'], email: 'i@takaru.test' });
    await (await as('i@takaru.test')).get('/reports/export.csv').expect(403);
  });

  it('refuses bad filters with 422 and writes nothing', async () => {
    const agent = await as('manajer.alfa@takaru.test');
    await agent.get('/reports?period=forever').expect(422);
    await agent.get('/reports?from=2026-02-31').expect(422);
    await agent.get('/reports?from=2020-01-01&to=2026-01-01').expect(422);
    await agent.get('/reports/export.csv?table=passwords').expect(422);
  });

  it('exports CSV that parses back to the page\'s table, with formula text neutralised', async () => {
    const agent = await as('manajer.alfa@takaru.test');
    const page = await agent.get('/reports').expect(200);
    const res = await agent.get('/reports/export.csv?table=certificates').expect(200).expect('content-type', /text\/csv/);
    // After the context block and a blank line (reports-exports.test.ts checks the block); Indonesian: ';'.
    const all = parse(res.text.replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true }) as string[][];
    const rows = all.slice(all.findIndex((r) => r[0] === 'Pemegang'));
    expect(rows[0]).to.deep.equal(['Pemegang', 'Bengkel', 'Skema', 'Nomor', 'Hari terakhir', 'Sisa hari', 'Status']);
    const byHolder = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byHolder.get('Sutarno Alfa')!.slice(3)).to.deep.equal([fx.cert.number, '2026-06-15', '0', 'Segera berakhir']);
    expect(byHolder.has(`'=HYPERLINK("http://evil.test","x")`)).to.equal(true);
    expect(res.text).not.to.match(/(^|[,;])=HYPERLINK/m);
    // The same cells as the page's table.
    for (const r of rows.slice(1)) expect(page.text).to.contain(`data-value="${r[3]}"`);
    const summary = parse((await agent.get('/reports/export.csv?table=summary').expect(200)).text.replace(/^\uFEFF/, ''), { delimiter: ';', relax_column_count: true }) as string[][];
    expect(summary.find((r) => r[0] === 'Pekerja aktif')![1]).to.equal(metric(page.text, 'workers'));
    expect(summary.find((r) => r[0] === 'Tenaga kerja bersertifikat')![1]).to.equal(metric(page.text, 'certified_share'));
  });

  it('exports XLSX with one sheet per table; numbers stay numbers (a negative gain too), text is neutralised', async () => {
    const agent = await as('manajer.alfa@takaru.test');
    const page = await agent.get('/reports').expect(200);
    const res = await agent.get('/reports/export.xlsx').buffer(true).parse(binary as never).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).to.have.length(8);
    const summary = wb.getWorksheet('Ringkasan angka')!;
    const values = new Map<string, unknown>();
    summary.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('Pekerja aktif')).to.equal(Number(metric(page.text, 'workers')));
    expect(values.get('Cakupan kompetensi')).to.equal(Number(metric(page.text, 'coverage')));
    const gains = wb.getWorksheet('Peningkatan per kursus')!;
    // Unit 1: 1 → 3 (+2), unit 2: 3 → 1 (−2): mean 0; the row's own cells are numbers.
    expect(gains.getRow(10).getCell(7).value).to.equal(0);
    // Sheet names are short by design (export-names.ts); the tables come in the page's order.
    const certs = wb.worksheets[6]!;
    expect(certs.name).to.equal('Sertifikat perlu tindakan');
    const holders: unknown[] = [];
    certs.eachRow((row, i) => i > 1 && holders.push(row.getCell(1).value));
    expect(holders).to.include(`'=HYPERLINK("http://evil.test","x")`);
    const one = await agent.get('/reports/export.xlsx?table=gains_course').buffer(true).parse(binary as never).expect(200);
    const wb1 = new ExcelJS.Workbook();
    await wb1.xlsx.load(one.body as ExcelJS.Buffer);
    expect(wb1.worksheets.map((s) => s.name)).to.deep.equal(['Peningkatan per kursus']);
  });

  it('shows the capability statement with verification QR codes and makes its PDF', async () => {
    const agent = await as('manajer.alfa@takaru.test');
    const page = await agent.get('/reports/capability').expect(200);
    const text = mainText(page.text);
    expect(text).to.contain('Alfa Logam').and.contain('Sutarno Alfa').and.contain(fx.cert.number).and.contain('Bidang: Pengelasan').not.contain('Rahmat Beta');
    expect(page.text).to.match(/<img src="data:image\/png;base64,[^"]+" width="96" height="96" alt="Kode QR verifikasi sertifikat/);
    const pdf = await agent.get('/reports/capability.pdf').buffer(true).parse(binary as never).expect(200).expect('content-type', /application\/pdf/);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cap-')), 'c.pdf');
    writeFileSync(file, pdf.body as Buffer);
    const pdfText = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(pdfText).to.contain('Pernyataan kemampuan pemasok').and.contain('Supplier capability statement').and.contain('Sutarno Alfa').and.contain(fx.cert.number);
    expect(pdfText).to.contain('http://skills.takaru.test/verify/');
    const fonts = execFileSync('pdffonts', [file]).toString().split('\n').slice(2).filter((l) => l.trim());
    expect(fonts, 'fonts used').to.not.be.empty;
    for (const row of fonts) expect(row, 'an embedded font, not the standard-14 Helvetica').to.match(/ yes +yes +yes /).and.not.match(/Helvetica/);
  });

  it('asks a coordinator to choose a workshop before showing a capability statement', async () => {
    await createUser({ roles: ['coordinator'], email: 'koor2@takaru.test' });
    const agent = await as('koor2@takaru.test');
    const chooser = await agent.get('/reports/capability').expect(200);
    expect(chooser.text).to.contain('name="workshop"');
    await agent.get('/reports/capability.pdf').expect(303);
    const beta = await agent.get(`/reports/capability?workshop=${String(fx.beta._id)}`).expect(200);
    expect(mainText(beta.text)).to.contain('Beta Baja');
    await agent.get('/reports/capability?workshop=000000000000000000000000').expect(404);
  });
});
