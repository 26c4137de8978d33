/**
 * `npm run bench:reports [-- --runs 5 --scale-runs 1 --snapshot-runs 5 --skip-demo --skip-scale --workers 5000 --assessments 100000 --certificates 20000 --workshops 200]`
 *
 * The reports pages and exports through the real app (supertest, signed in), on two throw-away
 * embedded FerretDB databases (or MONGODB_URI, database `takaru_bench_reports`, dropped first):
 * the demo data, and the generator's data at scale. For each: the median time over several runs of
 * each page and export, next to the median time of ONE raw projected scan of the same collections
 * through the same driver in the same run (find({}, projection).lean() on each collection the
 * report reads, one after the other) — the ratio says how much the reports cost beyond reading
 * their data. Then the report snapshots are built (`reports:build-snapshots`, timed) and the
 * dashboard and exports measured again, now read from the snapshot (`--snapshot-runs`, cheap).
 * Peak RSS is sampled every 50 ms. Prints a markdown table; each run's times (and a
 * failing page's error: BENCH_LOG_LEVEL, default `error`) go to stderr as they come.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { seedDemoData } from '../src/demo/seed';
import { systemClock } from '../src/platform/clock';
import { startEmbeddedDb, type EmbeddedDb } from '../src/platform/db/ferretdb';
import { buildIndexes, hardenMongoose, openConnection, pingConnection } from '../src/platform/db/mongo';
import { createI18n } from '../src/platform/i18n';
import { createMailer } from '../src/platform/mail/mailer';
import { createServices } from '../src/services';
import { Credential, User, hashPassword, type Role } from '../src/modules/accounts';
import { Assessment } from '../src/modules/assessments';
import { Attendance } from '../src/modules/attendance';
import { Course } from '../src/modules/catalogue';
import { Certificate } from '../src/modules/certificates';
import { JobProfile } from '../src/modules/competencies';
import { ContinuityEntry } from '../src/modules/continuity';
import { Enrollment, Meeting, TrainingSession } from '../src/modules/scheduling';
import { Worker } from '../src/modules/workers';
import { Workshop } from '../src/modules/workshops';
import { generate } from '../scripts/generate';

const DB = 'takaru_bench_reports';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const PASSWORD = 'bench-password-1';

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One raw projected scan of every collection the reports read: the floor any read-time report pays. */
async function rawScan(): Promise<number> {
  const started = performance.now();
  await Workshop.find({}, { name: 1, legalForm: 1 }).lean();
  await Worker.find({}, { name: 1, workshop: 1, trades: 1, position: 1 }).lean();
  await JobProfile.find({}, { positionKey: 1, requirements: 1, coreScheme: 1 }).lean();
  await Course.find({}, { code: 1, title: 1, trade: 1 }).lean();
  await TrainingSession.find({}, { course: 1, state: 1 }).lean();
  await Meeting.find({}, { session: 1, start: 1, end: 1 }).lean();
  await Enrollment.find({}, { session: 1, worker: 1 }).lean();
  await Attendance.find({}, { meeting: 1, worker: 1, status: 1 }).lean();
  await Assessment.find({}, { worker: 1, unit: 1, level: 1, kind: 1, assessedAt: 1, course: 1, enrollment: 1 }).lean();
  await Certificate.find({}, { worker: 1, schemeName: 1, issueDate: 1, validity: 1 }).lean();
  await ContinuityEntry.find({}, { worker: 1, process: 1, date: 1 }).lean();
  return performance.now() - started;
}

async function account(email: string, roles: Role[], workshop?: mongoose.Types.ObjectId) {
  const user = await User.create({ name: `Bench ${roles[0]}`, email, roles, workshop });
  await Credential.create({ _id: user._id, passwordHash: await hashPassword(PASSWORD), changedAt: new Date() });
}

async function signIn(app: Parameters<typeof request.agent>[0], email: string) {
  const agent = request.agent(app);
  const page = await agent.get('/login');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  const res = await agent.post('/login').type('form').send({ identifier: email, password: PASSWORD, _csrf: csrf });
  if (res.status !== 303) throw new Error(`login ${email}: ${res.status}`);
  return agent;
}

interface Row { dataset: string; what: string; ms: number; scanMs: number; bytes: number; runs: number }
interface Result { rows: Row[]; counts: string; peakMb: number; build: string }
type Target = [what: string, agent: ReturnType<typeof request.agent>, url: string];

/** Runs every target `runs` times (after a raw scan each run); the median per target. */
async function timeTargets(dataset: string, runs: number, targets: Target[], scans: number[]): Promise<Map<string, { ms: number; bytes: number }>> {
  const times = new Map<string, number[]>();
  const bytes = new Map<string, number>();
  for (let run = 0; run < runs; run++) {
    scans.push(await rawScan());
    process.stderr.write(`${dataset} run ${run + 1}: raw scan ${(scans[scans.length - 1]! / 1000).toFixed(2)} s\n`);
    for (const [what, agent, url] of targets) {
      const started = performance.now();
      const res = await agent.get(url).buffer(true).parse((r, cb) => {
        let n = 0;
        r.on('data', (c: Buffer) => (n += c.length));
        r.on('end', () => cb(null, n));
      });
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      const ms = performance.now() - started;
      times.set(what, [...(times.get(what) ?? []), ms]);
      process.stderr.write(`${dataset} run ${run + 1}: ${what} ${(ms / 1000).toFixed(2)} s\n`);
      bytes.set(what, res.body as number);
    }
    process.stderr.write(`${dataset}: run ${run + 1}/${runs} done, peak RSS so far ${Math.round(peak / 1e6)} MB\n`);
  }
  return new Map(targets.map(([what]) => [what, { ms: median(times.get(what)!), bytes: bytes.get(what)! }]));
}

async function measure(dataset: string, runs: number, snapshotRuns: number, prepare: (deps: Parameters<typeof generate>[0]) => Promise<string>): Promise<Result> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'takaru-bench-reports-'));
  let embedded: EmbeddedDb | undefined;
  try {
    const external = process.env.MONGODB_URI;
    if (!external) embedded = await startEmbeddedDb({ dir: path.join(tmp, 'ferretdb') });
    hardenMongoose();
    await openConnection(external ?? embedded!.uri, DB);
    if (mongoose.connection.db!.databaseName !== DB) throw new Error('not the bench database');
    await mongoose.connection.db!.dropDatabase();
    await buildIndexes();
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: tmp, APP_URL: 'http://skills.takaru.test', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01', LOG_LEVEL: 'silent' });
    // Errors only (a failing page says why); BENCH_LOG_LEVEL=info for more.
    const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'error' });
    const i18n = createI18n();
    const mailer = createMailer({ from: config.mailFrom, smtpUrl: config.smtpUrl, outboxDir: config.outboxDir });
    const deps = { config, connection: mongoose.connection, clock: systemClock, mailer, i18n, logger };
    const counts = await prepare(deps);
    // The manager of the workshop with the most workers.
    const sizes = await Worker.aggregate<{ _id: mongoose.Types.ObjectId; n: number }>([{ $group: { _id: '$workshop', n: { $sum: 1 } } }]);
    const biggest = sizes.sort((a, b) => b.n - a.n)[0]!._id;
    await account('bench-coordinator@takaru.test', ['coordinator']);
    await account('bench-manager@takaru.test', ['manager'], biggest);
    const services = createServices(deps);
    const app = createApp({ config, connection: mongoose.connection, services, i18n, logger, ping: () => pingConnection(mongoose.connection) });
    const coordinator = await signIn(app, 'bench-coordinator@takaru.test');
    const manager = await signIn(app, 'bench-manager@takaru.test');
    const reports: Target[] = [
      ['GET /reports (coordinator, all workshops)', coordinator, '/reports'],
      ['GET /reports (manager, own workshop)', manager, '/reports'],
      ['GET /reports/export.csv?table=certificates', coordinator, '/reports/export.csv?table=certificates'],
      ['GET /reports/export.xlsx (all tables)', coordinator, '/reports/export.xlsx'],
    ];
    const capability: Target[] = [
      ['GET /reports/capability (manager)', manager, '/reports/capability'],
      ['GET /reports/capability.pdf (manager)', manager, '/reports/capability.pdf'],
    ];
    peak = process.memoryUsage().rss;
    const scans: number[] = [];
    // No snapshot exists yet: every figure is computed on read.
    const live = await timeTargets(dataset, runs, [...reports, ...capability], scans);
    const built = await services.reports.snapshots.build();
    const build = `snapshot build: ${(built.totalMs / 1000).toFixed(1)} s (reading ${(built.loadMs / 1000).toFixed(1)} s, computing and storing ${built.scopes} scopes ${(built.computeMs / 1000).toFixed(1)} s, ${Math.round(built.bytes / 1024)} KB); one live computation of the LIK-level report ${(built.liveMs / 1000).toFixed(1)} s`;
    process.stderr.write(`${dataset}: ${build}\n`);
    // As served now: the dashboard and exports from the snapshot; the capability statement (never
    // snapshotted) again, so it too gets a median of several runs.
    const snap = await timeTargets(
      `${dataset} (as served)`,
      snapshotRuns,
      [...reports.map(([w, a, u]) => [`${w} — snapshot`, a, u] as Target), ...capability.map(([w, a, u]) => [`${w} — on read`, a, u] as Target)],
      scans,
    );
    const scanMs = median(scans);
    const rows = [
      ...[...live].map(([what, m]) => ({ dataset, what, ms: m.ms, bytes: m.bytes, scanMs, runs })),
      ...[...snap].map(([what, m]) => ({ dataset, what, ms: m.ms, bytes: m.bytes, scanMs, runs: snapshotRuns })),
    ];
    return { rows, counts, peakMb: Math.round(peak / 1e6), build };
  } finally {
    await mongoose.disconnect();
    await embedded?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function counted(): Promise<string> {
  const [w, a, c, att] = await Promise.all([Worker.countDocuments(), Assessment.countDocuments(), Certificate.countDocuments(), Attendance.countDocuments()]);
  return `${w} workers, ${a} assessments, ${c} certificates, ${att} attendance records`;
}

async function main() {
  const results: Result[] = [];
  if (!flag('skip-demo')) results.push(await measure('demo', arg('runs', 5), arg('snapshot-runs', 5), async (deps) => (await seedDemoData(deps), counted())));
  if (!flag('skip-scale')) {
    const opts = { workshops: arg('workshops', 200), workers: arg('workers', 5000), assessments: arg('assessments', 100000), certificates: arg('certificates', 20000) };
    results.push(
      // Computing on read takes minutes per page at this scale: one run unless asked for more.
      await measure('scale', arg('scale-runs', 1), arg('snapshot-runs', 5), async (deps) => {
        const started = performance.now();
        await generate(deps, opts, (s) => process.stderr.write(`generate: ${s}\n`));
        process.stderr.write(`generated in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
        return counted();
      }),
    );
  }
  const db = process.env.MONGODB_URI ? 'MongoDB (MONGODB_URI)' : 'embedded FerretDB';
  const lines = [
    `Reports on ${db}, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} CPU(s); median of the runs shown; raw scan = one projected find() of each collection the report reads (median of every run).`,
    '',
    ...results.map((r) => `- ${r.rows[0]?.dataset}: ${r.counts}; ${r.build}; peak RSS ${r.peakMb} MB`),
    '',
    '| data | page or export | runs | median | raw scan | ratio | size |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...results.flatMap((r) => r.rows.map((x) => `| ${x.dataset} | ${x.what} | ${x.runs} | ${x.ms >= 1000 ? `${(x.ms / 1000).toFixed(2)} s` : `${Math.round(x.ms)} ms`} | ${(x.scanMs / 1000).toFixed(2)} s | ${(x.ms / x.scanMs).toFixed(3)} | ${Math.round(x.bytes / 1024)} KB |`)),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

main()
  .then(() => {
    clearInterval(sampler);
    process.exit(0);
  })
  .catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
