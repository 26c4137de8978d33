/**
 * `npm run bench:notifications [-- --count 10000] [-- --notices 10000]`
 *
 * Email delivery throughput: N notices recorded (stored + one outbox row each) and delivered by one
 * job runner (the `notifications:drain-outbox` job) as `npm run worker` runs it, next to nodemailer sending the same
 * rendered messages directly in a loop, both to a local SMTP sink in this process. Prints messages
 * per second, the ratio, and peak memory (RSS sampled every 100 ms). `--notices N` stores N older
 * notices (read, sent, with their ledger rows) first, as a running installation has: on FerretDB any
 * filter other than `{_id}` scans them all, so this shows whether delivery cost grows with history.
 *
 * Runs on a throw-away embedded FerretDB (or MONGODB_URI, database `takaru_bench`, emptied first).
 * The sink answers at once (smtp-server delays its greeting by 100 ms to catch early talkers, which
 * would make both sides measure that delay rather than the work).
 * Both sides run as production does (`NODE_ENV=production`: compiled email templates kept).
 * `--cpu-prof FILE` writes a CPU profile of the delivery phase (`node bench/support/cpu-top.cjs FILE`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { createServices } from '../src/services';
import { ManualClock } from '../src/platform/clock';
import { startEmbeddedDb, type EmbeddedDb } from '../src/platform/db/ferretdb';
import { buildIndexes, hardenMongoose, openConnection } from '../src/platform/db/mongo';
import { createI18n, formatters } from '../src/platform/i18n';
import { startJobRunner } from '../src/platform/jobs/agenda';
import { createMailer } from '../src/platform/mail/mailer';
import { EmailRenderer } from '../src/platform/mail/render';
import { Delivery, Notification, noticeEmailsDir, notificationsJobs, localiseParams } from '../src/modules/notifications';
import { Workshop } from '../src/modules/workshops';
import { Worker } from '../src/modules/workers';

const DB = 'takaru_bench';
function intArg(name: string, fallback: number, min: number): number {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < min || n > 200000) throw new Error(`${name} must be a whole number from ${min} to 200000`);
  return n;
}
const count = intArg('--count', 10000, 1);
const history = intArg('--notices', 0, 0);
const cpuProfIndex = process.argv.indexOf('--cpu-prof');
/** `--cpu-prof FILE`: a V8 CPU profile of this process during the delivery phase only (summarise with bench/support/cpu-top.cjs). */
const cpuProfFile = cpuProfIndex >= 0 ? path.resolve(process.argv[cpuProfIndex + 1] ?? 'delivery.cpuprofile') : '';

/** Runs `work` under the V8 profiler when `--cpu-prof` was given. */
async function profiled<T>(work: () => Promise<T>): Promise<T> {
  if (!cpuProfFile) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(cpuProfFile, JSON.stringify(profile));
    session.disconnect();
  }
}

/** N older notices (read, emailed) and their ledger rows, inserted raw: what months of use leave behind. */
async function storeHistory(n: number): Promise<void> {
  const long = Date.now() - 20 * 24 * 3600 * 1000;
  for (let i = 0; i < n; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, n - i) }, (_, j) => {
      const _id = new mongoose.Types.ObjectId();
      const at = new Date(long + (i + j) * 1000);
      return { _id, key: `history:${i + j}`, kind: 'enrolled', worker: new mongoose.Types.ObjectId(), params: { course_id: 'LAS-01', course_en: 'LAS-01' }, hidden: false, readAt: at, createdAt: at, updatedAt: at, email: { status: 'sent', queuedAt: at, attempts: 1, gen: 0, to: `old${i + j}@pekerja.takaru.test`, language: 'id', sentAt: at } };
    });
    await Notification.collection.insertMany(batch);
    await Delivery.collection.insertMany(batch.map((b) => ({ _id: `${String(b._id)}#0` as never, notification: b._id, gen: 0, owner: 'history', state: 'submitting', leaseUntil: b.createdAt, createdAt: b.createdAt, updatedAt: b.createdAt })));
  }
}

/** A minimal SMTP server: greets at once, accepts everything, counts messages. */
function startSink(): Promise<{ url: string; received: () => number; lastAt: () => bigint; close: () => Promise<void> }> {
  let received = 0;
  let lastAt = 0n;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let data = false;
    let buffer = '';
    socket.write('220 bench ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (data) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          buffer = buffer.slice(end + 5);
          data = false;
          received++;
          lastAt = process.hrtime.bigint();
          socket.write('250 OK queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith('EHLO')) socket.write('250-bench\r\n250 8BITMIME\r\n');
        else if (line === 'DATA') {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (line === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received: () => received,
        lastAt: () => lastAt,
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            for (const s of sockets) s.destroy();
          }),
      }),
    ),
  );
}

/** Runs `work` while sampling RSS; returns its result, the seconds it took and the peak RSS in MB. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1e6) };
  } finally {
    clearInterval(timer);
  }
}

async function until(done: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 100));
}

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'takaru-bench-'));
  let embedded: EmbeddedDb | undefined;
  const sink = await startSink();
  try {
    const external = process.env.MONGODB_URI;
    if (!external) embedded = await startEmbeddedDb({ dir: path.join(tmp, 'ferretdb') });
    hardenMongoose();
    await openConnection(external ?? embedded!.uri, DB);
    if (mongoose.connection.db!.databaseName !== DB) throw new Error('not the bench database');
    await mongoose.connection.db!.dropDatabase();
    await buildIndexes();
    await storeHistory(history);

    const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: tmp, APP_URL: 'http://skills.takaru.test', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-01', SMTP_URL: sink.url, LOG_LEVEL: 'silent' });
    const logger = pino({ level: 'silent' });
    const i18n = createI18n();
    const mailer = createMailer({ from: config.mailFrom, smtpUrl: config.smtpUrl, outboxDir: config.outboxDir });
    const services = createServices({ config, connection: mongoose.connection, clock: new ManualClock(), mailer, i18n, logger });

    const workshop = await Workshop.create({ name: 'Bengkel Bench', legalForm: 'CV', unit: 'Blok B-1' });
    const workers = await Worker.insertMany(
      Array.from({ length: count }, (_, i) => ({ name: `Pekerja Bench ${i}`, workshop: workshop._id, email: `bench${i}@pekerja.takaru.test`, phone: `+6281${String(i).padStart(9, '0')}` })),
    );
    const params = { course_id: 'LAS-01 Las Dasar', course_en: 'LAS-01 Basic Welding', start: new Date().toISOString() };

    // 1. nodemailer directly: render the same message and send it, one after the other.
    const renderer = new EmailRenderer(i18n, config.appUrl, { cache: config.isProduction });
    const localised = localiseParams(params, 'id', formatters('id'));
    const subject = i18n.getFixedT('id')('notifications:email.subject.enrolled', localised);
    const direct = await measured(async () => {
      for (const w of workers) {
        const mail = await renderer.render(noticeEmailsDir, 'notice', 'id', {
          kind: 'enrolled', name: w.name, params: localised, link: `${config.appUrl}/sessions/x`, essential: false, preferencesUrl: `${config.appUrl}/account/preferences`, defaultValue: subject,
        });
        await mailer.send({ to: w.email!, ...mail, subject });
      }
    });

    process.stderr.write(`direct: ${direct.seconds.toFixed(1)} s\n`);
    // 2. The pipeline: record (store + outbox row), then one runner draining the outbox as `npm run worker` has it.
    const before = sink.received();
    const recorded = await measured(() => services.notifications.service.notifyWorkers(workers.map((w) => String(w._id)), { key: 'bench', kind: 'enrolled', params }));
    process.stderr.write(`recorded: ${recorded.seconds.toFixed(1)} s\n`);
    const runnerStarted = process.hrtime.bigint();
    const runner = await startJobRunner({ connection: mongoose.connection, jobs: notificationsJobs(services.notifications).slice(0, 1), logger, processEveryMs: 1000 });
    let firstAt = 0n;
    const delivered = await measured(() =>
      profiled(() =>
        until(() => {
          if (!firstAt && sink.received() > before) firstAt = process.hrtime.bigint();
          return sink.received() - before >= count;
        }),
      ),
    );
    await runner.stop(10000);
    const sent = (await Notification.countDocuments({ 'email.status': 'sent' })) - history;

    const rate = (n: number, s: number) => (n / s).toFixed(1);
    const directRate = count / direct.seconds;
    const pipelineRate = count / delivered.seconds;
    const rows = [
      ['nodemailer directly (render + send, in a loop)', `${direct.seconds.toFixed(1)} s`, `${rate(count, direct.seconds)} msg/s`, `${direct.peakMb} MB`],
      ['pipeline: record notices (store + outbox)', `${recorded.seconds.toFixed(1)} s`, `${rate(count, recorded.seconds)} notices/s`, `${recorded.peakMb} MB`],
      ['pipeline: deliver: outbox drain + ledger', `${delivered.seconds.toFixed(1)} s`, `${rate(count, delivered.seconds)} msg/s`, `${delivered.peakMb} MB`],
    ];
    process.stdout.write(`\nNotification delivery, ${count} messages, ${history} notices already stored, ${external ? 'MongoDB (MONGODB_URI)' : 'embedded FerretDB'}, one worker\n\n`);
    for (const r of rows) process.stdout.write(`${r[0]!.padEnd(50)} ${r[1]!.padStart(9)} ${r[2]!.padStart(16)}   peak RSS ${r[3]}\n`);
    process.stdout.write(`\nratio pipeline / direct: ${(pipelineRate / directRate).toFixed(2)}  (delivery only; ${(count / (recorded.seconds + delivered.seconds) / directRate).toFixed(2)} including recording)\n`);
    // The steady rate leaves out the start (Agenda's first poll; a running worker is woken when a notice is recorded).
    const firstS = Number(firstAt - runnerStarted) / 1e9;
    const steadyS = Number(sink.lastAt() - firstAt) / 1e9;
    process.stdout.write(`first message ${firstS.toFixed(2)} s after the runner started (sampled every 0.1 s); from then to the last: ${rate(count, steadyS)} msg/s (ratio ${(count / steadyS / directRate).toFixed(2)})\n`);
    process.stdout.write(`notices marked sent: ${sent} of ${count}; messages at the sink: ${sink.received() - before} (pipeline)\n`);
    mailer.close();
  } finally {
    await mongoose.disconnect();
    await embedded?.stop();
    await sink.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main()
  // Exit explicitly: Agenda leaves a lock-check timer (half the job's lock lifetime) behind each job.
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
