/**
 * `npx tsx bench/worker-picker.ts [-- --workers 5000 --runs 7]`
 *
 * The session's worker picker (`/sessions/:id/enroll?q=`) on a throw-away embedded FerretDB (or
 * MONGODB_URI, database `takaru_bench_picker`, dropped first) filled by the generator
 * (scripts/generate.ts) with that many workers in 200 workshops and little else. Prints the median
 * time of one search per query next to one raw projected scan of the workers collection (the floor
 * on FerretDB, where every filter but `{_id}` reads the whole collection) and the old enrol
 * `<select>`'s options (every active worker).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { trusted } from 'mongoose';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/platform/clock';
import { startEmbeddedDb, type EmbeddedDb } from '../src/platform/db/ferretdb';
import { buildIndexes, hardenMongoose, openConnection } from '../src/platform/db/mongo';
import { createI18n } from '../src/platform/i18n';
import { createMailer } from '../src/platform/mail/mailer';
import { TrainingSession } from '../src/modules/scheduling';
import { enrolmentOptions } from '../src/modules/scheduling/options';
import { searchWorkersToEnrol } from '../src/modules/scheduling/worker-picker';
import { Worker } from '../src/modules/workers';
import { generate } from '../scripts/generate';

const DB = 'takaru_bench_picker';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
  return n;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

async function main() {
  const workers = arg('workers', 5000);
  const runs = arg('runs', 7);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'takaru-bench-picker-'));
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
    const deps = { config, connection: mongoose.connection, clock: systemClock, mailer: createMailer({ from: config.mailFrom, smtpUrl: config.smtpUrl, outboxDir: config.outboxDir }), i18n: createI18n(), logger: pino({ level: 'error' }) };
    await generate(deps, { workshops: 200, workers, assessments: 10, certificates: 10, months: 1 }, (s) => process.stderr.write(`generate: ${s}\n`));
    const session = await TrainingSession.findOne({}, { _id: 1 }).lean();
    if (!session) throw new Error('the generator made no session');
    const nikHolder = await Worker.findOne({ nik: trusted({ $exists: true }) }, { nik: 1 }).lean();
    const coordinator = { id: '000000000000000000000001', roles: ['coordinator'] };
    const total = await Worker.countDocuments();

    const rows: [string, number, string][] = [];
    rows.push(['raw scan: Worker.find({}, {name}).lean()', await time(runs, () => Worker.find({}, { name: 1 }).lean()), `${total} docs`]);
    rows.push(['old enrol <select>: enrolmentOptions()', await time(runs, () => enrolmentOptions()), `${(await enrolmentOptions()).workers.length} options`]);
    const queries = ['Tarmuji', 'tarmuji santoso', 'Logam Jaya', '0812 3', ...(nikHolder?.nik ? [nikHolder.nik.slice(0, 8)] : []), 'zz-no-match'];
    for (const q of queries) {
      const page = await searchWorkersToEnrol(coordinator, String(session._id), q, 'id');
      rows.push([`picker ?q=${q}`, await time(runs, () => searchWorkersToEnrol(coordinator, String(session._id), q, 'id')), `${page.rows.length}${page.more ? '+' : ''} shown`]);
    }
    process.stdout.write(`\n| ${total} workers, ${runs} runs, median | ms | result |\n|---|---:|---|\n`);
    for (const [what, ms, note] of rows) process.stdout.write(`| ${what} | ${ms.toFixed(0)} | ${note} |\n`);
  } finally {
    await mongoose.disconnect();
    await embedded?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
