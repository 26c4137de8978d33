import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Response } from 'superagent';

/** supertest parser that keeps a binary body (a PDF) as a Buffer. */
export const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The text of a PDF as poppler's pdftotext reads it (what a reader or a copy-paste gets). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'takaru-pdf-'));
  try {
    await writeFile(path.join(dir, 'c.pdf'), pdf);
    return await new Promise<string>((resolve, reject) => {
      const child = spawn('pdftotext', ['-layout', path.join(dir, 'c.pdf'), '-']);
      const out: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`pdftotext exited with ${code}`))));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
