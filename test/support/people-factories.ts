import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { Worker } from '../../src/modules/workers';
import { csrfFrom, type Agent } from './http';

let seq = 0;

/** A worker record; phones are unique synthetic numbers (+62 812-9900-xxxx) unless given. */
export async function createWorker(
  workshop: Types.ObjectId | string,
  overrides: Partial<{ name: string; phone: string; email: string; trades: string[]; position: string; nik: string; active: boolean; user: Types.ObjectId; joinedAt: Date }> = {},
) {
  seq++;
  const worker = new Worker({
    name: `Pekerja Uji ${seq}`,
    phone: `+62812990${String(seq).padStart(5, '0')}`,
    trades: ['welding'],
    position: 'Juru las SMAW 3G',
    ...overrides,
    workshop: new Types.ObjectId(String(workshop)),
  });
  await worker.save();
  return worker;
}

/** A CSV file as Excel writes it: the rows joined with `delimiter`, quoted only when needed. */
export function csvFile(rows: string[][], delimiter = ','): Buffer {
  const quote = (v: string) => (/["\n\r]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from(rows.map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n', 'utf8');
}

/** An XLSX file with one sheet; a cell `{ formula: 'A1' }` becomes a real formula cell, a number stays a number. */
export async function xlsxFile(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Pekerja');
  for (const row of rows) sheet.addRow(row as ExcelJS.CellValue[]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Uploads a file through the import page's form (multipart, with its CSRF token), like a browser. */
export async function uploadImport(agent: Agent, file: Buffer, filename: string) {
  const token = csrfFrom((await agent.get('/workers/import').expect(200)).text);
  return agent.post('/workers/import').field('_csrf', token).attach('file', file, filename);
}

/** The import id from the redirect after an upload. */
export function importIdFrom(location: string | undefined): string {
  const m = /^\/workers\/import\/([a-f0-9]{24})$/.exec(location ?? '');
  if (!m) throw new Error(`not an import preview: ${location}`);
  return m[1]!;
}

export const ID_HEADERS = ['Nama', 'No. HP', 'Email', 'Bengkel', 'Bidang', 'Jabatan', 'Tanggal masuk', 'NIK'];
export const EN_HEADERS = ['Name', 'Phone', 'Email', 'Workshop', 'Trades', 'Position', 'Date joined', 'NIK'];
