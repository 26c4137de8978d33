/**
 * An XLSX reader independent of exceljs (which writes the files under test): `unzip -p` for the
 * parts, regular expressions over the SpreadsheetML for sheets, cells and number formats. Enough to
 * check what Excel would see: the value written, its type and the format applied.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface XCell { ref: string; type: string; value: string; numFmt: string }
export interface XSheet { name: string; cells: Map<string, XCell>; rows: (XCell | undefined)[][] }

const unxml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
/** Excel's built-in formats that matter here (ECMA-376 §18.8.30). */
const BUILTIN: Record<string, string> = { '0': 'General', '9': '0%', '10': '0.00%', '14': 'mm-dd-yy', '22': 'm/d/yy h:mm' };

export function readXlsx(file: Buffer): XSheet[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xlsx-read-'));
  try {
    const f = path.join(dir, 'f.xlsx');
    writeFileSync(f, file);
    const part = (name: string) => {
      try {
        return execFileSync('unzip', ['-p', f, name], { maxBuffer: 64 << 20 }).toString('utf8');
      } catch {
        return '';
      }
    };
    const rels = new Map([...part('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((m) => [attr(m[0], 'Id')!, attr(m[0], 'Target')!]));
    const styles = part('xl/styles.xml');
    const fmts = new Map(Object.entries(BUILTIN));
    for (const m of styles.matchAll(/<numFmt\b[^>]*>/g)) fmts.set(attr(m[0], 'numFmtId')!, unxml(attr(m[0], 'formatCode')!));
    const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
    const xfFmt = [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => fmts.get(attr(m[0], 'numFmtId') ?? '0') ?? `#${attr(m[0], 'numFmtId')}`);
    const shared = [...part('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unxml([...m[1]!.matchAll(/<t\b[^>]*>([^<]*)<\/t>/g)].map((x) => x[1]).join('')));
    return [...part('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)].map((m) => {
      const target = rels.get(attr(m[0], 'r:id')!)!.replace(/^\/?(xl\/)?/, '');
      const xml = part(`xl/${target}`);
      const cells = new Map<string, XCell>();
      const rows: (XCell | undefined)[][] = [];
      for (const row of xml.matchAll(/<row\b[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
        const r: (XCell | undefined)[] = [];
        for (const c of (row[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
          const tag = `<c${c[1]}>`;
          const body = c[2] ?? '';
          const type = attr(tag, 't') ?? 'n';
          const raw = type === 'inlineStr' ? [...body.matchAll(/<t\b[^>]*>([^<]*)<\/t>/g)].map((x) => x[1]).join('') : (/<v>([^<]*)<\/v>/.exec(body)?.[1] ?? '');
          const value = type === 's' ? shared[Number(raw)]! : unxml(raw);
          const cell = { ref: attr(tag, 'r')!, type, value, numFmt: xfFmt[Number(attr(tag, 's') ?? 0)] ?? 'General' };
          cells.set(cell.ref, cell);
          // Empty cells are not written: place each by its column letters.
          r[[...cell.ref.replace(/\d+$/, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1] = cell;
        }
        // Empty rows are not written either: place each by its number.
        rows[Number(attr(`<row${/^<row([^>]*)/.exec(row[0])![1]}>`, 'r')) - 1] = r;
      }
      return { name: unxml(attr(m[0], 'name')!), cells, rows: Array.from(rows, (r) => r ?? []) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Excel's serial day number (1900 system) as a "YYYY-MM-DD" date. */
export const serialDate = (v: string) => new Date(Date.UTC(1899, 11, 30) + Number(v) * 86_400_000).toISOString().slice(0, 10);
