/**
 * `npm run bench:load [-- --duration 30 --connections 4 --timeout 60 --scale demo|ci|full]`
 *
 * Logged-in pages under load: autocannon on 127.0.0.1 against the real server (src/main.ts, ROLE=web,
 * its own embedded FerretDB under a temporary DATA_DIR) filled with the demo data plus the generated
 * large dataset (`npm run generate`, scripts/generate.ts; `--scale ci` is a smaller run of it so CI
 * stays short, `--scale full` its defaults). Measured pages: the worker's home and schedule, the
 * coordinator's calendar and the manager's dashboard (/reports: from the report snapshot, built by
 * `npm run reports:snapshots` after loading the data, and with custom dates, computed on read) — next to a bare
 * Express + EJS page rendered with the same layout (bench/bare-server.ts) in the same run: the
 * ratio page/bare is the figure that travels between machines.
 *
 * Prints requests/s and p50/p95/p99 latency per page (from every response's time), the server's
 * memory (RSS) before and after each page, and its live heap after garbage collection over repeated
 * passes of the worker's home (bench/support/heap-probe.cjs, preloaded into the server for this
 * benchmark only). Fails (exit 1) on any error, timeout or non-2xx answer — a logged-out redirect
 * counts as an error — and on a growth trend: the heap after GC rising on every pass and by more
 * than MEMORY_LIMIT_MB overall. RSS alone is not judged: V8 keeps the heap it grew to, so RSS rises
 * after a heavier page without any leak (a CI run failed on exactly that: +127 MB RSS, no leak).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { startAppProcess, type AppProcess } from '../test/support/app-process';
import { projectRoot } from '../src/platform/paths';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
};
// Long enough for pages that take seconds at this scale to complete several rounds.
const DURATION = Number(arg('duration', '30'));
const CONNECTIONS = Number(arg('connections', '4'));
/** A request slower than this counts as an error (a timeout). */
const TIMEOUT_S = Number(arg('timeout', '60'));
const SCALE = arg('scale', 'ci');
/** Passes of the worker's home after all pages, each followed by a heap measurement after GC. */
const MEMORY_PASSES = Number(arg('memory-passes', '4'));
/** Heap growth (after GC) from the first to the last pass that counts as a trend when every pass rose. */
const MEMORY_LIMIT_MB = Number(arg('memory-limit', '30'));
const MEMORY_PASS_S = Number(arg('memory-pass-duration', '15'));
const GENERATE: Record<string, string[] | null> = {
  // The demo data alone.
  demo: null,
  // What CI measures: 40 workshops, 1,000 workers (about 7 minutes in all on a 2-core runner).
  ci: ['--workshops', '40', '--workers', '1000', '--assessments', '20000', '--certificates', '4000', '--months', '12'],
  full: [],
};
const root = projectRoot();
const PASSWORD = 'takaru-demo';

/** `amount`: a fixed number of requests instead of a duration, all completed (none left running). */
interface Target { label: string; url: string; cookie?: string; connections?: number; amount?: number }
interface Figures { label: string; requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; rssAfterMb: number }

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

interface Heap { heapUsedMb: number; rssMb: number }

/** Asks the server's heap probe to collect garbage and report; resolves with its figures. */
async function heapAfterGc(pid: number, file: string): Promise<Heap> {
  const before = existsSync(file) ? statSync(file).mtimeMs : 0;
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (existsSync(file) && statSync(file).mtimeMs !== before) {
      try {
        const m = JSON.parse(readFileSync(file, 'utf8')) as { heapUsed: number; rss: number };
        return { heapUsedMb: Math.round(m.heapUsed / 1048576), rssMb: Math.round(m.rss / 1048576) };
      } catch {
        // caught mid-write: read again
      }
    }
  }
  throw new Error('the server did not answer the heap probe (SIGUSR2) within 30 s');
}

/** The first day of the month `n` months ago ("YYYY-MM-01"), for a custom report period. */
function monthsAgo(n: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 8) + '01';
}

/** Three decimals, or two significant digits below 0.01 (slow pages would all read 0.000). */
const ratioText = (x: number) => (x < 0.01 ? x.toPrecision(2) : x.toFixed(3));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs a command with the bench's DATA_DIR; throws when it fails. */
function run(cmd: string[], env: Record<string, string>, what: string): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...cmd], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  process.stdout.write(`  ${what}: ${((Date.now() - started) / 1000).toFixed(0)} s${last ? ` — ${last.slice(0, 160)}` : ''}\n`);
}

/** Logs in through the form, as a browser does; returns the session cookie. */
async function logIn(base: string, identifier: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error('no CSRF token on /login');
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: token, identifier, password: PASSWORD }).toString(),
  });
  if (res.status !== 303) throw new Error(`login as ${identifier}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? cookie).split(';')[0]!;
}

async function measure(t: Target, pid: number, duration = DURATION): Promise<Figures> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: t.url,
        connections: t.connections ?? CONNECTIONS,
        ...(t.amount ? { amount: t.amount } : { duration }),
        headers: t.cookie ? { cookie: t.cookie } : {},
        timeout: TIMEOUT_S,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    label: t.label, requests: result.requests.total, // Completed requests per second of the run (two decimals: report pages at scale take seconds each).
    rps: result.duration > 0 ? Math.round((result.requests.total / result.duration) * 100) / 100 : 0,
    p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)), p99: Math.round(percentile(times, 99)),
    errors: result.errors + result.timeouts, non2xx: result.non2xx, rssAfterMb: rssMb(pid),
  };
}

/** Waits (at most 2 minutes) until /health answers within 300 ms: nothing left over from the last run. */
async function drained(base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const started = Date.now();
    const ok = await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.ok, () => false);
    if (ok && Date.now() - started < 300) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function startBare(): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'bare-server.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      const m = /^LISTENING (\d+)/.exec(l);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (c) => reject(new Error(`bare server exited (${c})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'takaru-bench-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_DEMO: 'never', ...(process.env.MONGODB_URI ? { DB_NAME: 'takaru_bench' } : {}) };
  let app: AppProcess | undefined;
  let bare: Awaited<ReturnType<typeof startBare>> | undefined;
  try {
    process.stdout.write(`Load benchmark: ${CONNECTIONS} connections × ${DURATION} s per page (timeout ${TIMEOUT_S} s), scale "${SCALE}", node ${process.version}, ${os.cpus().length} CPU(s)\n`);
    process.stdout.write('Data:\n');
    run(['scripts/seed.ts'], env, 'demo data (accounts, catalogue)');
    if (!(SCALE in GENERATE)) throw new Error(`--scale must be one of ${Object.keys(GENERATE).join(', ')}`);
    const generate = GENERATE[SCALE];
    if (!generate) {
      process.stdout.write('  --scale demo: measuring on the demo data only\n');
    } else if (existsSync(path.join(root, 'scripts', 'generate.ts'))) {
      run(['scripts/generate.ts', ...generate], env, `generated dataset (${SCALE})`);
    } else {
      process.stdout.write('  scripts/generate.ts not present: measuring on the demo data only\n');
    }
    // What the worker's reports:build-snapshots job does after data changed (ROLE=web runs no jobs).
    run(['scripts/report-snapshots.ts'], env, 'report snapshots');
    const probeFile = path.join(dataDir, 'heap-probe.json');
    app = await startAppProcess({
      dataDir,
      env: { ...env, ROLE: 'web', HEAP_PROBE_FILE: probeFile },
      nodeArgs: ['--expose-gc', '--require', path.join(root, 'bench', 'support', 'heap-probe.cjs')],
      cleanup: false,
    });
    bare = await startBare();
    const base = app.baseUrl;
    const worker = await logIn(base, 'pekerja@takaru.test');
    const coordinator = await logIn(base, 'koordinator@takaru.test');
    const manager = await logIn(base, 'manajer@takaru.test');
    const targets: Target[] = [
      { label: 'bare Express+EJS (same layout)', url: bare.url },
      { label: 'worker home /home/worker', url: `${base}/home/worker`, cookie: worker },
      { label: 'worker schedule /my/schedule', url: `${base}/my/schedule`, cookie: worker },
      { label: 'coordinator /calendar', url: `${base}/calendar`, cookie: coordinator },
    ];
    const reports = await fetch(`${base}/reports`, { headers: { cookie: manager }, redirect: 'manual' });
    if (reports.status === 200) {
      targets.push({ label: 'manager dashboard /reports (snapshot)', url: `${base}/reports`, cookie: manager });
      // Custom dates are never snapshotted: the same figures computed on read.
      // Three requests one after the other: each reads every collection (a minute at 5,000 workers),
      // so a timed run would end with requests still running and weigh on the pages measured next.
      targets.push({ label: 'manager dashboard, custom dates (computed on read, 3 requests in a row)', url: `${base}/reports?from=${monthsAgo(11)}&to=${monthsAgo(0)}`, cookie: manager, connections: 1, amount: 3 });
    } else process.stdout.write(`  /reports answers ${reports.status}: dashboard not measured\n`);

    const pid = app.child.pid!;
    const rssStart = rssMb(pid);
    const rows: Figures[] = [];
    for (const t of targets) {
      // A short warm-up (template cache, JIT, connection pool), then the measured run.
      if (!t.amount) await autocannon({ url: t.url, connections: 2, duration: 2, timeout: TIMEOUT_S, headers: t.cookie ? { cookie: t.cookie } : {} });
      if (t.url.startsWith(base)) await drained(base);
      const f = await measure(t, t.url.startsWith(base) ? pid : bare.pid);
      rows.push(f);
      // Requests still running when a run ends would slow the next page: wait until the server is idle.
      await drained(base);
      process.stdout.write(`  measured ${f.label}: ${f.rps} req/s\n`);
    }
    // Repeated passes over the worker's home, the live heap measured after GC after each: a leak
    // shows as a heap that keeps rising; the first pass is the baseline (caches filled).
    const heaps: Heap[] = [await heapAfterGc(pid, probeFile)];
    for (let i = 1; i <= MEMORY_PASSES; i += 1) {
      const again = await measure({ ...targets[1]!, label: `${targets[1]!.label} (memory pass ${i})` }, pid, MEMORY_PASS_S);
      rows.push(again);
      await drained(base);
      heaps.push(await heapAfterGc(pid, probeFile));
    }

    const bareRps = rows[0]!.rps;
    process.stdout.write('\n| page | requests | req/s | ratio to bare | p50 ms | p95 ms | p99 ms | errors | non-2xx | server RSS after, MB |\n|---|---|---|---|---|---|---|---|---|---|\n');
    for (const r of rows) {
      process.stdout.write(`| ${r.label} | ${r.requests} | ${r.rps} | ${r === rows[0] ? '1' : ratioText(r.rps / bareRps)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.rssAfterMb} |\n`);
    }
    const pages = rows.slice(1, targets.length);
    process.stdout.write(`\nServer memory (RSS): ${rssStart} MB before, ${pages[0]!.rssAfterMb} MB after the first page, ${pages[pages.length - 1]!.rssAfterMb} MB after all pages.\n`);
    process.stdout.write(`Live heap after GC (MB): after all pages ${heaps[0]!.heapUsedMb}, then after each memory pass ${heaps.slice(1).map((h) => h.heapUsedMb).join(', ')} (RSS ${heaps.map((h) => h.rssMb).join(', ')}).\n`);
    const failed = rows.filter((r) => r.errors > 0 || r.non2xx > 0 || r.requests === 0);
    const passes = heaps.slice(1);
    const rising = passes.every((h, i) => i === 0 || h.heapUsedMb > passes[i - 1]!.heapUsedMb);
    const growth = passes[passes.length - 1]!.heapUsedMb - passes[0]!.heapUsedMb;
    if (passes.length >= 2 && rising && growth > MEMORY_LIMIT_MB) {
      failed.push({ ...rows[rows.length - 1]!, label: `live heap rose on every pass, ${growth} MB in ${passes.length - 1} passes` });
    }
    if (failed.length > 0) {
      process.stdout.write(`\nFAILED: ${failed.map((f) => f.label).join('; ')}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write('\nOK: no errors, no timeouts, every answer 2xx.\n');
    }
  } finally {
    bare?.stop();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
