/**
 * `npm run bench:load [-- --scale demo|ci|full --pages schedule,calendar-week --duration 8 --warmup 1
 *   --connections 4 --timeout 60 --max-p95 1000 --probe-requests 5 --memory-passes 4 --skip-build
 *   --data-from DIR --probe-detail --cpu-prof DIR]`
 *
 * Every main page under load, as production runs it: the app is compiled (`npm run build`) and the
 * build (`dist/src/main.js`) started with plain `node`, NODE_ENV=production (view cache on, secure
 * cookies, HSTS) and ROLE=web, on its own embedded FerretDB under a temporary DATA_DIR. It sits, as in
 * a deployment, behind a TLS proxy on the loopback (TRUST_PROXY's default): every request carries
 * `X-Forwarded-Proto: https`, so the secure session cookie is issued and sent over plain http on
 * 127.0.0.1 without weakening anything in production. Next to it, in the same run and under the same
 * conditions (compiled, NODE_ENV=production, EJS cache on), a bare Express + EJS page rendered with
 * the app's layout (bench/bare-server.ts): the ratio page/bare is the figure that travels between
 * machines.
 *
 * Data: the demo data (accounts, catalogue) plus the generated dataset (scripts/generate.ts):
 * `--scale ci` 1,000 workers, 36 months of classes, 10,000 notices; `--scale full` its defaults
 * (5,000 workers, 36 months, 100,000 notices); `--scale demo` the demo data alone. Then the report
 * snapshots (`npm run reports:snapshots`, what the worker's job does after data changed).
 * `--data-from DIR` (for development) keeps that data: the first run copies it to DIR, later runs of
 * the same scale start from a copy of DIR instead of generating it again (minutes at full scale).
 * `--probe-detail` also prints each page's commands and documents read per collection; `--cpu-prof DIR`
 * writes the server's CPU profile there when it stops (`node bench/support/cpu-top.cjs DIR/*.cpuprofile`).
 *
 * Per page (`--pages` takes a comma-separated list of the ids below, for development): a warm-up,
 * a timed run with `--connections` connections (autocannon, p50/p95/p99 from every response's
 * time), then `--probe-requests` requests one after another with the server otherwise idle, over
 * which bench/support/db-probe.cjs (preloaded into the server for this benchmark only) counts the
 * database commands sent and the documents the database reads for them (see that file: FerretDB's
 * `explain` for find/aggregate, the `{_id: value}` rule for the rest, the collection's size for a
 * scan); the table prints both per request and the collection read most. The server's live heap
 * after GC is measured over repeated passes of the worker's home (bench/support/heap-probe.cjs).
 *
 * Fails (exit 1) on any error, timeout or non-2xx answer (a logged-out redirect counts), on a listed
 * page whose p95 exceeds `--max-p95` ms (1000 by default; 0 turns it off; the custom-period report
 * computed on read is an informational row, not judged), and on a growth trend of the live heap:
 * rising on every pass and by more than `--memory-limit` MB overall. RSS alone is not judged: V8
 * keeps the heap it grew to, so RSS rises after a heavier page without any leak.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { MongoClient, type Db } from 'mongodb';
import { freePort, startAppProcess, type AppProcess } from '../test/support/app-process';
import { projectRoot } from '../src/platform/paths';
import { printedCheckCode } from '../src/modules/certificates/check-code';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const SCALE = arg('scale', 'ci');
const FULL = SCALE === 'full';
/** Seconds per page: short at ci and demo scale so CI stays within minutes on 2 cores. */
const DURATION = Number(arg('duration', FULL ? '30' : '8'));
const WARMUP_S = Number(arg('warmup', FULL ? '2' : '1'));
const CONNECTIONS = Number(arg('connections', '4'));
/** A request slower than this counts as an error (a timeout). */
const TIMEOUT_S = Number(arg('timeout', '60'));
/** A listed page whose p95 is above this fails the run (0: not judged). */
const MAX_P95_MS = Number(arg('max-p95', '1000'));
/** Sequential requests per page over which database commands and documents read are counted. */
const PROBE_REQUESTS = Number(arg('probe-requests', '5'));
/** A directory holding generated data to start from (or to fill on the first run); '' generates every run. */
const DATA_FROM = arg('data-from', '');
/** Where the server writes its CPU profile when it stops ('': none). */
const CPU_PROF_DIR = arg('cpu-prof', '') ? path.resolve(arg('cpu-prof', '')) : '';
const PAGES = arg('pages', '').split(',').map((s) => s.trim()).filter(Boolean);
/** Passes of the worker's home after all pages, each followed by a heap measurement after GC. */
const MEMORY_PASSES = Number(arg('memory-passes', '4'));
/** Heap growth (after GC) from the first to the last pass that counts as a trend when every pass rose. */
const MEMORY_LIMIT_MB = Number(arg('memory-limit', '30'));
const MEMORY_PASS_S = Number(arg('memory-pass-duration', FULL ? '15' : '6'));
const GENERATE: Record<string, string[] | null> = {
  // The demo data alone.
  demo: null,
  // What CI measures: 40 workshops, 1,000 workers, three years of classes, 10,000 notices.
  ci: ['--workshops', '40', '--workers', '1000', '--assessments', '30000', '--certificates', '4000', '--notifications', '10000', '--months', '36'],
  // scripts/generate.ts's defaults: 200 workshops, 5,000 workers, 36 months, 100,000 notices.
  full: [],
};
const root = projectRoot();
const PASSWORD = 'takaru-demo';
/** What the TLS proxy in front of the app adds; the app trusts it from the loopback (TRUST_PROXY). */
const PROXY_HEADERS = { 'x-forwarded-proto': 'https' };
/** What a browser sends: pages are measured compressed, as phones receive them (the bare page too). */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, br' };

/**
 * `amount`: a fixed number of requests instead of a duration, all completed (none left running).
 * `informational`: printed, never judged by the p95 rule. `rotateAddress`: every request from
 * another client address (X-Forwarded-For), as public pages are visited, so the per-address rate
 * limit of /verify does not answer 429 to the benchmark.
 */
interface Target { id: string; label: string; url: string; cookie?: string; connections?: number; amount?: number; informational?: boolean; rotateAddress?: boolean }
interface DbCost { commands: number; docs: number; top: string }
interface Figures { id: string; label: string; requests: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; rssAfterMb: number; db?: DbCost; informational?: boolean }

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

/** Today's date in WIB ("YYYY-MM-DD"), for the calendar's week and month views. */
const todayWib = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** Three decimals, or two significant digits below 0.01 (slow pages would all read 0.000). */
const ratioText = (x: number) => (x < 0.01 ? x.toPrecision(2) : x.toFixed(3));
const num = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : String(Math.round(x * 10) / 10));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs a command (node with the given args) with the bench's environment; throws when it fails. */
function run(args: string[], env: Record<string, string>, what: string): void {
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  process.stdout.write(`  ${what}: ${((Date.now() - started) / 1000).toFixed(0)} s${last ? ` — ${last.slice(0, 200)}` : ''}\n`);
}
const tsx = (script: string, ...rest: string[]) => ['--import', 'tsx', script, ...rest];

/** Logs in through the form, as a browser behind the proxy does; returns the session cookie. */
async function logIn(base: string, identifier: string): Promise<string> {
  const page = await fetch(`${base}/login`, { headers: PROXY_HEADERS });
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error('no CSRF token on /login');
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { ...PROXY_HEADERS, 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: token, identifier, password: PASSWORD }).toString(),
  });
  const set = res.headers.get('set-cookie') ?? '';
  if (res.status !== 303) throw new Error(`login as ${identifier}: ${res.status}`);
  if (!/;\s*Secure/i.test(set)) throw new Error(`login as ${identifier}: the session cookie is not Secure — not running as production?`);
  return set.split(';')[0]!;
}

let address = 0;
/** Another private client address each call (10.x.y.z), for pages limited per address. */
const nextAddress = () => {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};
const headersFor = (t: Target): Record<string, string> => ({ ...PROXY_HEADERS, ...BROWSER_HEADERS, ...(t.cookie ? { cookie: t.cookie } : {}) });

function cannon(t: Target, opts: { duration?: number; connections?: number }, onResponse?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: t.url,
        connections: opts.connections ?? t.connections ?? CONNECTIONS,
        ...(t.amount && !opts.duration ? { amount: t.amount } : { duration: opts.duration ?? DURATION }),
        headers: headersFor(t),
        timeout: TIMEOUT_S,
        ...(t.rotateAddress ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': nextAddress() } }) }] } : {}),
      } as autocannon.Options,
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    if (onResponse) instance.on('response', (_client, _status, _bytes, responseTime) => onResponse(responseTime));
  });
}

async function measure(t: Target, pid: number, duration = DURATION): Promise<Figures> {
  const times: number[] = [];
  const result = await cannon(t, t.amount ? {} : { duration }, (ms) => times.push(ms));
  times.sort((a, b) => a - b);
  return {
    id: t.id, label: t.label, requests: result.requests.total, informational: t.informational,
    // Completed requests per second of the run (two decimals: slow pages take seconds each).
    rps: result.duration > 0 ? Math.round((result.requests.total / result.duration) * 100) / 100 : 0,
    p50: Math.round(percentile(times, 50)), p95: Math.round(percentile(times, 95)), p99: Math.round(percentile(times, 99)),
    errors: result.errors + result.timeouts, non2xx: result.non2xx, rssAfterMb: rssMb(pid),
  };
}

/** The database probe in the server (bench/support/db-probe.cjs). */
function dbProbe(port: number) {
  const get = async <T>(p: string): Promise<T> => {
    const r = await fetch(`http://127.0.0.1:${port}${p}`);
    if (!r.ok) throw new Error(`db probe ${p}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return {
    uri: () => get<{ uri: string; db: string }>('/uri'),
    refresh: () => get<Record<string, number>>('/refresh'),
    mismatches: () => get<Record<string, boolean>>('/mismatches'),
    /** Commands and documents read per request over `n` sequential requests of the page. */
    async cost(t: Target, n: number): Promise<DbCost> {
      await get('/refresh');
      await get('/reset');
      for (let i = 0; i < n; i++) {
        const res = await fetch(t.url, { headers: { ...headersFor(t), ...(t.rotateAddress ? { 'x-forwarded-for': nextAddress() } : {}) }, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_S * 1000) });
        await res.arrayBuffer();
        if (res.status >= 300) throw new Error(`${t.label}: ${res.status} while counting database commands`);
      }
      const s = await get<{ commands: number; docs: number; byCollection: Record<string, { commands: number; docs: number }> }>('/stats');
      const [name, most] = Object.entries(s.byCollection).sort((a, b) => b[1].docs - a[1].docs)[0] ?? ['', { docs: 0 }];
      if (flag('probe-detail')) {
        const rows = Object.entries(s.byCollection).map(([c, v]) => `${c} ${num(v.commands / n)}/${num(v.docs / n)}`);
        process.stdout.write(`    per collection (commands/docs per request): ${rows.join(', ')}\n`);
      }
      return { commands: s.commands / n, docs: s.docs / n, top: most.docs > 0 ? `${name} ${num(most.docs / n)}` : '—' };
    },
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

/** The compiled bare page (dist/bench/bare-server.js) with NODE_ENV=production, as the app runs. */
async function startBare(): Promise<{ url: string; pid: number; stop(): void }> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'bench', 'bare-server.js')], { cwd: root, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      const m = /^LISTENING (\d+)/.exec(l);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (c) => reject(new Error(`bare server exited (${c})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

/** The class the session pages show: a past one with a full roster (closest to 15) taught by the demo instructor if possible. */
async function pickSession(db: Db): Promise<string | null> {
  const instructorUser = await db.collection('users').findOne({ email: 'instruktur@takaru.test' }, { projection: { _id: 1 } });
  const instructor = instructorUser ? await db.collection('instructors').findOne({ user: instructorUser._id }, { projection: { _id: 1 } }) : null;
  const rosters = await db.collection('enrollments').aggregate<{ _id: unknown; n: number }>([{ $match: { status: 'enrolled' } }, { $group: { _id: '$session', n: { $sum: 1 } } }]).toArray();
  const size = new Map(rosters.map((r) => [String(r._id), r.n]));
  const sessions = await db.collection('trainingsessions').find({ lastEnd: { $lt: new Date() }, state: { $ne: 'cancelled' } }, { projection: { instructors: 1, lastEnd: 1 } }).toArray();
  const mine = (s: (typeof sessions)[number]) => instructor && (s.instructors as unknown[] | undefined ?? []).some((i) => String(i) === String(instructor._id));
  const score = (s: (typeof sessions)[number]) => Math.abs((size.get(String(s._id)) ?? 0) - 15) - (mine(s) ? 100 : 0);
  sessions.sort((a, b) => score(a) - score(b) || (b.lastEnd as Date).getTime() - (a.lastEnd as Date).getTime());
  return sessions[0] ? String(sessions[0]._id) : null;
}

/** The figures the data line prints, counted in the database. */
async function dataLine(db: Db): Promise<string> {
  const n = (c: string) => db.collection(c).countDocuments({});
  const [workers, enrollments, meetings, notifications, certificates] = await Promise.all(['workers', 'enrollments', 'meetings', 'notifications', 'certificates'].map(n));
  return `scale ${SCALE}, workers ${workers}, enrolments ${enrollments}, meetings ${meetings}, notifications ${notifications}, certificates ${certificates}`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'takaru-bench-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_DEMO: 'never', ...(process.env.MONGODB_URI ? { DB_NAME: 'takaru_bench' } : {}) };
  let app: AppProcess | undefined;
  let bare: Awaited<ReturnType<typeof startBare>> | undefined;
  let side: MongoClient | undefined;
  const began = Date.now();
  try {
    if (!(SCALE in GENERATE)) throw new Error(`--scale must be one of ${Object.keys(GENERATE).join(', ')}`);
    process.stdout.write(`Load benchmark: ${CONNECTIONS} connections × ${DURATION} s per page (warm-up ${WARMUP_S} s, timeout ${TIMEOUT_S} s, p95 limit ${MAX_P95_MS || 'off'} ms), scale "${SCALE}", node ${process.version}, ${os.cpus().length} CPU(s)\n`);
    process.stdout.write('Build and data:\n');
    if (flag('skip-build') && existsSync(path.join(root, 'dist', 'src', 'main.js'))) process.stdout.write('  --skip-build: using the existing dist/\n');
    else run([path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {}, 'compiled (npm run build: tsc → dist/)');
    const marker = DATA_FROM ? path.join(DATA_FROM, `.generated-${SCALE}`) : '';
    if (marker && existsSync(marker) && !process.env.MONGODB_URI) {
      cpSync(DATA_FROM, dataDir, { recursive: true });
      process.stdout.write(`  --data-from: started from a copy of ${DATA_FROM} (generated earlier at scale ${SCALE})\n`);
    } else {
      run(tsx('scripts/seed.ts'), env, 'demo data (accounts, catalogue)');
      const generate = GENERATE[SCALE];
      if (!generate) process.stdout.write('  --scale demo: measuring on the demo data only\n');
      else run(tsx('scripts/generate.ts', ...generate), env, `generated dataset (${SCALE})`);
      // What the worker's reports:build-snapshots job does after data changed (ROLE=web runs no jobs).
      run(tsx('scripts/report-snapshots.ts'), env, 'report snapshots');
      if (marker && !process.env.MONGODB_URI) {
        rmSync(DATA_FROM, { recursive: true, force: true });
        cpSync(dataDir, DATA_FROM, { recursive: true });
        writeFileSync(marker, new Date().toISOString());
        process.stdout.write(`  --data-from: kept a copy in ${DATA_FROM}\n`);
      }
    }

    const probeFile = path.join(dataDir, 'heap-probe.json');
    const probePort = await freePort();
    app = await startAppProcess({
      dataDir,
      compiled: true,
      env: { ...env, ROLE: 'web', HEAP_PROBE_FILE: probeFile, DB_PROBE_PORT: String(probePort) },
      nodeArgs: [
        '--expose-gc', '--require', path.join(root, 'bench', 'support', 'heap-probe.cjs'), '--require', path.join(root, 'bench', 'support', 'db-probe.cjs'),
        ...(CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF_DIR] : []),
      ],
      cleanup: false,
    });
    bare = await startBare();
    const probe = dbProbe(probePort);
    const where = await probe.uri();
    side = new MongoClient(where.uri);
    await side.connect();
    const db = side.db(where.db);
    const base = app.baseUrl;
    const [worker, instructor, coordinator, manager] = await Promise.all(
      ['pekerja@takaru.test', 'instruktur@takaru.test', 'koordinator@takaru.test', 'manajer@takaru.test'].map((id) => logIn(base, id)));
    const sessionId = await pickSession(db);
    const cert = await db.collection('certificates').findOne({ revokedAt: { $exists: false }, source: { $ne: 'external' } }, { projection: { verifyCode: 1, number: 1 } });
    const today = todayWib();
    const all: Target[] = [
      { id: 'bare', label: 'bare Express+EJS (same layout)', url: bare.url },
      { id: 'worker-home', label: 'worker home /home/worker', url: `${base}/home/worker`, cookie: worker },
      { id: 'schedule', label: 'worker /my/schedule', url: `${base}/my/schedule`, cookie: worker },
      { id: 'my-certificates', label: 'worker /my/certificates', url: `${base}/my/certificates`, cookie: worker },
      { id: 'my-skills', label: 'worker /my/skills', url: `${base}/my/skills`, cookie: worker },
      { id: 'inbox', label: 'worker /inbox', url: `${base}/inbox`, cookie: worker },
      { id: 'instructor-home', label: 'instructor home /home/instructor', url: `${base}/home/instructor`, cookie: instructor },
      { id: 'calendar-week', label: 'coordinator /calendar (week)', url: `${base}/calendar?view=week&date=${today}`, cookie: coordinator },
      { id: 'calendar-month', label: 'coordinator /calendar (month)', url: `${base}/calendar?view=month&date=${today}`, cookie: coordinator },
      { id: 'sessions', label: 'coordinator /sessions', url: `${base}/sessions`, cookie: coordinator },
      ...(sessionId ? [
        { id: 'session', label: 'instructor /sessions/<id>', url: `${base}/sessions/${sessionId}`, cookie: instructor },
        { id: 'session-assessments', label: 'instructor /sessions/<id>/assessments', url: `${base}/sessions/${sessionId}/assessments`, cookie: instructor },
        { id: 'session-attendance', label: 'instructor /sessions/<id>/attendance', url: `${base}/sessions/${sessionId}/attendance`, cookie: instructor },
      ] : []),
      { id: 'certificates', label: 'coordinator /certificates', url: `${base}/certificates`, cookie: coordinator },
      { id: 'matrix', label: 'manager /competencies/matrix (first page)', url: `${base}/competencies/matrix`, cookie: manager },
      { id: 'reports-manager', label: 'manager /reports (snapshot)', url: `${base}/reports`, cookie: manager },
      { id: 'reports-coordinator', label: 'coordinator /reports (snapshot)', url: `${base}/reports`, cookie: coordinator },
      ...(cert ? [
        { id: 'verify-code', label: 'public /verify/<code>', url: `${base}/verify/${encodeURIComponent(String(cert.verifyCode))}`, rotateAddress: true },
        { id: 'verify-number', label: 'public /verify?number=…&check=…', url: `${base}/verify?${new URLSearchParams({ number: String(cert.number), check: printedCheckCode(String(cert.verifyCode)) })}`, rotateAddress: true },
      ] : []),
      // Custom dates are never snapshotted: the same figures computed on read. Three requests one
      // after the other (each reads every collection), so none is left running to weigh on the next page.
      { id: 'reports-custom', label: 'manager /reports, custom dates (computed on read, 3 in a row; informational)', url: `${base}/reports?from=${monthsAgo(11)}&to=${monthsAgo(0)}`, cookie: manager, connections: 1, amount: 3, informational: true },
    ];
    if (!sessionId) process.stdout.write('  no past class in the data: session pages not measured\n');
    if (!cert) process.stdout.write('  no certificate in the data: /verify not measured\n');
    const unknown = PAGES.filter((p) => !all.some((t) => t.id === p));
    if (unknown.length) throw new Error(`--pages: unknown ${unknown.join(', ')} (known: ${all.map((t) => t.id).join(', ')})`);
    const targets = all.filter((t) => t.id === 'bare' || PAGES.length === 0 || PAGES.includes(t.id));

    const pid = app.child.pid!;
    const rssStart = rssMb(pid);
    const rows: Figures[] = [];
    for (const t of targets) {
      const onApp = t.url.startsWith(base);
      // A short warm-up (template cache, JIT, connection pool, the app's in-process caches), then the measured run.
      if (!t.amount && WARMUP_S > 0) await cannon(t, { duration: WARMUP_S, connections: 2 });
      if (onApp) await drained(base);
      const f = await measure(t, onApp ? pid : bare.pid);
      // Requests still running when a run ends would slow the next page: wait until the server is idle.
      if (onApp) {
        await drained(base);
        if (f.errors === 0 && f.non2xx === 0) f.db = await probe.cost(t, t.amount ? 1 : PROBE_REQUESTS);
      }
      rows.push(f);
      process.stdout.write(`  measured ${f.label}: ${f.rps} req/s, p95 ${f.p95} ms${f.db ? `, ${num(f.db.commands)} commands and ${num(f.db.docs)} documents read per request` : ''}\n`);
    }
    // Repeated passes over the worker's home, the live heap measured after GC after each: a leak
    // shows as a heap that keeps rising; the first pass is the baseline (caches filled).
    const home = all.find((t) => t.id === 'worker-home')!;
    const heaps: Heap[] = [await heapAfterGc(pid, probeFile)];
    for (let i = 1; i <= MEMORY_PASSES; i += 1) {
      const again = await measure({ ...home, label: `${home.label} (memory pass ${i})`, informational: true }, pid, MEMORY_PASS_S);
      rows.push({ ...again, informational: true });
      await drained(base);
      heaps.push(await heapAfterGc(pid, probeFile));
    }

    const bareRps = rows[0]!.rps;
    process.stdout.write('\n| page | requests | req/s | ratio to bare | p50 ms | p95 ms | p99 ms | errors | non-2xx | DB commands / req | docs read / req ¹ | most read / req | server RSS after, MB |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n');
    for (const r of rows) {
      const d = r.db;
      process.stdout.write(`| ${r.label} | ${r.requests} | ${r.rps} | ${r === rows[0] ? '1' : ratioText(r.rps / bareRps)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${d ? num(d.commands) : ''} | ${d ? num(d.docs) : ''} | ${d ? d.top : ''} | ${r.rssAfterMb} |\n`);
    }
    const mismatch = await probe.mismatches();
    process.stdout.write(`\n¹ Documents the database reads per request, over ${PROBE_REQUESTS} sequential requests after the timed run (bench/support/db-probe.cjs): ` +
      'for find/aggregate FerretDB\'s explain (filterPushdown) per filter shape — pushed down: the documents returned; for count, distinct, update, delete, findAndModify ' +
      'the FerretDB v1 rule (only a filter exactly {_id: value} is pushed down); anything not pushed down counts the whole collection (its document count). ' +
      `${Object.keys(mismatch).length ? `Explain disagreed with the {_id} rule for: ${Object.keys(mismatch).join('; ')}.` : 'Explain agreed with the {_id} rule for every find/aggregate shape seen.'}` +
      `${process.env.MONGODB_URI ? ' (MONGODB_URI: the same FerretDB model, which overstates what MongoDB\'s indexes serve.)' : ''}\n`);
    process.stdout.write(`Data: ${await dataLine(db)}.\n`);
    const pages = rows.filter((r) => r !== rows[0] && !r.label.includes('memory pass'));
    process.stdout.write(`Server memory (RSS): ${rssStart} MB before, ${pages[0]?.rssAfterMb} MB after the first page, ${pages[pages.length - 1]?.rssAfterMb} MB after all pages.\n`);
    process.stdout.write(`Live heap after GC (MB): after all pages ${heaps[0]!.heapUsedMb}, then after each memory pass ${heaps.slice(1).map((h) => h.heapUsedMb).join(', ')} (RSS ${heaps.map((h) => h.rssMb).join(', ')}).\n`);
    process.stdout.write(`Total time ${((Date.now() - began) / 1000).toFixed(0)} s.\n`);

    const failed: string[] = rows.filter((r) => r.errors > 0 || r.non2xx > 0 || r.requests === 0).map((r) => `${r.label}: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.requests} requests`);
    if (MAX_P95_MS > 0) {
      for (const r of rows) if (r !== rows[0] && !r.informational && r.p95 > MAX_P95_MS) failed.push(`${r.label}: p95 ${r.p95} ms > ${MAX_P95_MS} ms`);
    }
    const passes = heaps.slice(1);
    const rising = passes.every((h, i) => i === 0 || h.heapUsedMb > passes[i - 1]!.heapUsedMb);
    const growth = passes.length ? passes[passes.length - 1]!.heapUsedMb - passes[0]!.heapUsedMb : 0;
    if (passes.length >= 2 && rising && growth > MEMORY_LIMIT_MB) failed.push(`live heap rose on every pass, ${growth} MB in ${passes.length - 1} passes`);
    if (failed.length > 0) {
      process.stdout.write(`\nFAILED:\n  - ${failed.join('\n  - ')}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`\nOK: no errors, no timeouts, every answer 2xx${MAX_P95_MS > 0 ? `, every listed page p95 ≤ ${MAX_P95_MS} ms` : ''}, no heap growth trend.\n`);
    }
  } finally {
    await side?.close().catch(() => undefined);
    bare?.stop();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
