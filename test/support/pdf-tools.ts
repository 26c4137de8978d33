import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Response } from 'superagent';

/** supertest parser that keeps a binary body (a PDF) as a Buffer. */
export const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Poppler's command-line tools over a PDF held in memory (each call works in its own temp dir). */
function run(cmd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${cmd} exited with ${code}: ${Buffer.concat(err).toString()}`))));
  });
}

async function withPdf<T>(pdf: Buffer, work: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'takaru-pdf-'));
  try {
    await writeFile(path.join(dir, 'c.pdf'), pdf);
    return await work(path.join(dir, 'c.pdf'), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const pdfText = (pdf: Buffer, ...args: string[]) => withPdf(pdf, async (f) => (await run('pdftotext', [...args, f, '-'])).toString('utf8'));
export const pdfInfo = (pdf: Buffer, ...args: string[]) => withPdf(pdf, async (f) => (await run('pdfinfo', [...args, f])).toString('utf8'));

/** `pdffonts` rows: name, type and whether the font program is embedded. */
export async function pdfFonts(pdf: Buffer): Promise<{ name: string; type: string; embedded: boolean }[]> {
  const out = await withPdf(pdf, async (f) => (await run('pdffonts', [f])).toString('utf8'));
  // The columns are fixed-width: take the positions from the dashes under the header.
  const [, dashes = '', ...rows] = out.split('\n').filter((l) => l.trim());
  const cols = [...dashes.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length] as const);
  return rows.map((r) => {
    const cell = (i: number) => r.slice(cols[i]?.[0], (cols[i]?.[1] ?? 0) + 1).trim();
    return { name: cell(0), type: cell(1), embedded: cell(3) === 'yes' };
  });
}

/** Page 1 rendered by poppler at `dpi`, as RGBA pixels. */
export function pdfPage(pdf: Buffer, dpi = 50): Promise<PNG> {
  return withPdf(pdf, async (f, dir) => {
    await run('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', f, path.join(dir, 'page')]);
    const file = (await readdir(dir)).find((n) => n.endsWith('.png'))!;
    return PNG.sync.read(await readFile(path.join(dir, file)));
  });
}

/** Words with their boxes (points), from `pdftotext -bbox`. */
export async function pdfWords(pdf: Buffer): Promise<{ text: string; height: number; width: number }[]> {
  const html = await pdfText(pdf, '-bbox');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5] ?? '',
    width: Number(m[3]) - Number(m[1]),
    height: Number(m[4]) - Number(m[2]),
  }));
}

/** Renders the first page at 150 dpi and decodes the QR code found on it. */
export async function pdfQr(pdf: Buffer): Promise<string | null> {
  const png = await pdfPage(pdf, 150);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}
