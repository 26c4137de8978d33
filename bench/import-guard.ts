/**
 * `npm run bench:import [-- --rounds 3]`
 *
 * Heavy XLSX uploads against the real server (src/main.ts as a child process, its own embedded
 * FerretDB under a temporary DATA_DIR, the demo data): three uploads posted at once by a signed-in
 * coordinator while /health is polled every 50 ms. Scenarios: the three 38 MB sheets of the finding
 * (test/support/xlsx-files.ts: each meets a different limit of the import guard) and, for
 * comparison, three valid 5,000-row files made from the app's own template (these are parsed).
 * Prints per scenario: the answers, how long the uploads took, /health (which pings the database)
 * and a static file (the event loop alone) p50 and max, and the server's RSS (from /proc) at the
 * start and its peak growth.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { startAppProcess } from '../test/support/app-process';
import { heavyXlsx } from '../test/support/xlsx-files';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 3);
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const cookieOf = (res: Response, fallback = '') => (res.headers.get('set-cookie') ?? fallback).split(';')[0]!;
const tokenOf = (html: string) => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token');
  return token;
};

async function logIn(base: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookie = cookieOf(page);
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: tokenOf(await page.text()), identifier: 'koordinator@takaru.test', password: 'takaru-demo' }).toString(),
  });
  if (res.status !== 303) throw new Error(`login: ${res.status}`);
  return cookieOf(res, cookie);
}

async function template(base: string, cookie: string, count: number): Promise<Buffer> {
  const res = await fetch(`${base}/workers/import/template.xlsx`, { headers: { cookie } });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  for (let i = 0; i < count; i++) {
    sheet.addRow([`Pekerja Bernama Panjang ${i}`, `0812${26000000 + i}`, `pekerja.${i}@bench.test`, 'CV. Logam Jaya Takaru', 'Pengelasan, Permesinan', 'Juru las shift pagi', '12/03/2019', `33280712039${50000 + i}`]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] ?? 0;

async function scenario(label: string, base: string, cookie: string, pid: number, files: Buffer[]) {
  const token = tokenOf(await (await fetch(`${base}/workers/import`, { headers: { cookie } })).text());
  const rssStart = rssMb(pid);
  let peak = rssStart;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  const health: number[] = [];
  let resets = 0;
  let busy = true;
  const staticFile: number[] = [];
  const pollOf = (url: string, times: number[]) => (async () => {
    while (busy) {
      const t = performance.now();
      // A keep-alive socket the server closed while it was busy: counted, and polled again.
      await fetch(url).then((r) => r.arrayBuffer(), () => resets++);
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const poll = Promise.all([pollOf(`${base}/health`, health), pollOf(`${base}/public/favicon.svg`, staticFile)]);
  const started = performance.now();
  const answers = await Promise.all(files.map(async (f) => {
    const form = new FormData();
    form.append('_csrf', token);
    form.append('file', new Blob([new Uint8Array(f)]), 'pekerja.xlsx');
    const res = await fetch(`${base}/workers/import`, { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' });
    await res.arrayBuffer();
    return res.status;
  }));
  const took = performance.now() - started;
  busy = false;
  await poll;
  clearInterval(sampler);
  process.stdout.write(`| ${label} | ${answers.join(' ')} | ${(took / 1000).toFixed(1)} s | ${pct(health, 0.5).toFixed(0)} / ${Math.max(...health).toFixed(0)} ms (${health.length}${resets ? `, ${resets} reset` : ''}) | ${pct(staticFile, 0.5).toFixed(0)} / ${Math.max(...staticFile).toFixed(0)} ms | ${rssStart.toFixed(0)} MB | +${(peak - rssStart).toFixed(0)} MB |\n`);
}

async function main() {
  process.stdout.write('starting the server (first start seeds the demo data)…\n');
  const app = await startAppProcess({ env: { ROLE: 'web' } });
  try {
    const pid = app.child.pid!;
    const cookie = await logIn(app.baseUrl);
    const heavy = [heavyXlsx('bytes'), heavyXlsx('rows'), heavyXlsx('cells')];
    const valid = await template(app.baseUrl, cookie, 5000);
    process.stdout.write(`heavy files: ${heavy.map((f) => `${(f.length / 1048576).toFixed(1)} MB`).join(', ')} (38 MB of XML each); valid file: ${(valid.length / 1048576).toFixed(2)} MB\n\n`);
    process.stdout.write('| three at once | answers | uploads took | /health p50 / max (polls) | static file p50 / max | server RSS before | RSS peak growth |\n|---|---|---|---|---|---|---|\n');
    for (let round = 1; round <= ROUNDS; round++) await scenario(`38 MB sheets, round ${round}`, app.baseUrl, cookie, pid, heavy);
    for (let round = 1; round <= ROUNDS; round++) await scenario(`valid 5,000 rows, round ${round}`, app.baseUrl, cookie, pid, [valid, valid, valid]);
  } finally {
    await app.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
