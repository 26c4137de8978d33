import { expect } from 'chai';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { WorkerImport } from '../../src/modules/workers';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { csrfFrom, mainText, signIn, type Agent } from '../support/http';
import { importIdFrom, uploadImport } from '../support/people-factories';
import { heavyXlsx, watchWorkbookLoads } from '../support/xlsx-files';

async function coordinator() {
  const { app } = buildApp();
  await createUser({ email: 'koor@heavy.test', roles: ['coordinator'] });
  await createWorkshop({ name: 'Logam Jaya Takaru', legalForm: 'CV' });
  return { app, agent: await signIn(app, 'koor@heavy.test', PASSWORD) };
}

/** The app's own XLSX template, downloaded as a coordinator does, with `count` workers filled in. */
async function filledTemplate(agent: Agent, count: number): Promise<Buffer> {
  const res = await agent.get('/workers/import/template.xlsx').buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.body as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  for (let i = 0; i < count; i++) {
    sheet.addRow([`Pekerja Nomor ${i}`, `0812${26000000 + i}`, `pekerja${i}@heavy.test`, 'CV Logam Jaya Takaru', 'Pengelasan', 'Juru las', '12/03/2019', '']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('workers import: heavy XLSX files are refused before they are parsed', () => {
  it('refuses three 38 MB sheets sent at once with their messages, never opening them in exceljs, while /health answers', async function () {
    this.timeout(120_000);
    const { app, agent } = await coordinator();
    const files = [heavyXlsx('bytes'), heavyXlsx('rows'), heavyXlsx('cells')];
    const loads = watchWorkbookLoads();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      let uploading = true;
      const health: number[] = [];
      const poll = (async () => {
        while (uploading) {
          health.push((await request(app).get('/health')).status);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      // One form, three posts at once (each page load would issue a new token and void the others).
      const token = csrfFrom((await agent.get('/workers/import').expect(200)).text);
      const answers = await Promise.all(files.map((f) => agent.post('/workers/import').field('_csrf', token).attach('file', f, 'pekerja.xlsx')));
      uploading = false;
      await poll;
      expect(answers.map((r) => r.status), answers.map((r) => mainText(r.text)).join('\n')).to.deep.equal([422, 422, 422]);
      const [bytes, rows, cells] = answers.map((r) => mainText(r.text).replace(/&#34;/g, '"'));
      expect(bytes).to.include('Isi file Excel ini terlalu besar untuk diperiksa.');
      expect(rows).to.include('File berisi lebih dari 5000 baris.');
      expect(cells).to.include('File Excel ini berisi lebih banyak sel atau baris daripada daftar 5000 pekerja');
      expect(loads.count(), 'exceljs opened a file the guard should have refused').to.equal(0);
      expect(health.length).to.be.above(0);
      expect(health.every((s) => s === 200)).to.equal(true);
      // exceljs held each of these at ~860 MB; the guard streams 64 KB at a time.
      expect(peak - rssBefore, 'RSS growth').to.be.below(300 * 1024 * 1024);
      expect(await WorkerImport.countDocuments()).to.equal(0);
    } finally {
      clearInterval(sampler);
      loads.restore();
    }
  });

  it('previews 5,000 workers in the app\'s own template, and refuses 5,001 with the row-limit message before parsing', async function () {
    this.timeout(120_000);
    const { agent } = await coordinator();
    const [valid, tooMany] = [await filledTemplate(agent, 5000), await filledTemplate(agent, 5001)];
    const loads = watchWorkbookLoads();
    try {
      const refused = await uploadImport(agent, tooMany, 'pekerja.xlsx');
      expect(refused.status).to.equal(422);
      expect(mainText(refused.text)).to.include('File berisi lebih dari 5000 baris. Bagi menjadi beberapa file.');
      expect(loads.count(), 'exceljs opened the 5,001-row file').to.equal(0);
      const res = await uploadImport(agent, valid, 'pekerja.xlsx');
      expect(res.status, mainText(res.text)).to.equal(303);
      const preview = mainText((await agent.get(`/workers/import/${importIdFrom(res.headers.location)}`).expect(200)).text);
      expect(preview).to.include('Simpan semua 5000 baris');
      expect(loads.count()).to.equal(1);
    } finally {
      loads.restore();
    }
    const [doc] = await WorkerImport.find({}, { rows: 1 }).lean();
    expect(doc!.rows).to.have.length(5000);
  });
});
