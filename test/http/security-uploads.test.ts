import { expect } from 'chai';
import { WorkerImport, Worker } from '../../src/modules/workers';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn, type Agent } from '../support/http';
import { uploadImport } from '../support/people-factories';
import { zip } from '../support/xlsx-files';

/** An XLSX whose one sheet unpacks to 200 MB of cells from a file of a few hundred KB. */
function xlsxBomb(): Buffer {
  const row = '<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>';
  const sheet = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat(Math.ceil((200 * 1024 * 1024) / row.length))}</sheetData></worksheet>`);
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Pekerja" sheetId="1"/></sheets></workbook>') },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ]);
}

async function coordinator(): Promise<Agent> {
  const { app } = buildApp();
  await createUser({ email: 'koor@upl.test', roles: ['coordinator'] });
  await createWorkshop({ name: 'Logam Jaya Takaru' });
  return signIn(app, 'koor@upl.test', PASSWORD);
}

describe('security: uploads that must be refused', () => {
  it('refuses a decompression-bomb XLSX at once, without unpacking it or writing anything', async function () {
    this.timeout(60_000);
    const bomb = xlsxBomb();
    expect(bomb.length).to.be.below(1024 * 1024);
    const agent = await coordinator();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const res = await uploadImport(agent, bomb, 'pekerja.xlsx');
    expect(res.status, mainText(res.text)).to.equal(422);
    expect(Date.now() - started, 'refused quickly').to.be.below(10_000);
    // It was not unpacked into memory (200 MB of XML would show here).
    expect(process.memoryUsage().heapUsed - heapBefore).to.be.below(150 * 1024 * 1024);
    expect(await WorkerImport.countDocuments()).to.equal(0);
    expect(await Worker.countDocuments()).to.equal(0);
  });

  it('refuses an executable, an HTML page and an SVG sent as a worker list, saying the type is wrong', async function () {
    this.timeout(60_000);
    // (Certificate scans: text, HTML and disguised files are covered in certificates-history.test.ts.)
    const agent = await coordinator();
    const files: [Buffer, string][] = [
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]), 'pekerja.csv'],
      [Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(200, 0)]), 'pekerja.xlsx'],
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'pekerja.csv'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'pekerja.xlsx'],
    ];
    for (const [bytes, name] of files) {
      const res = await uploadImport(agent, bytes, name);
      expect(res.status, name).to.equal(422);
      expect(res.text, name).not.to.include('<script>alert(1)');
      expect(res.text, name).not.to.include('onload="alert');
    }
    expect(await WorkerImport.countDocuments()).to.equal(0);
  });
});
