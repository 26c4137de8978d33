/**
 * `npm run generate -- --workshops 200 --workers 5000 --assessments 100000 --certificates 20000 [--months 24] [--seed 1]`
 *
 * Fills the configured database (MONGODB_URI, else the embedded FerretDB under DATA_DIR) with
 * realistic, synthetic data at scale for benchmarks: LIK Takaru's catalogue (the demo catalogue's
 * real SKKNI units and courses), job profiles and certification schemes per trade, workshops of
 * 3–40 workers with Javanese/Indonesian names, two years of past classes with meetings, enrolments,
 * attendance and pre/post assessments, certificates in every state, and welders' continuity logs.
 * Deterministic: the same options give the same data (mulberry32, src/platform/prng.ts; no
 * Math.random). Everything it writes is labelled synthetic ("GEN" codes, "(sintetis)" notes).
 * Bulk inserts (insertMany, unordered, in batches): a benchmark database, not a demo.
 */
import { Types } from 'mongoose';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/platform/clock';
import { buildIndexes, connectDatabase } from '../src/platform/db/mongo';
import type { ServiceDeps } from '../src/platform/deps';
import { createI18n } from '../src/platform/i18n';
import { createLogger } from '../src/platform/logger';
import { createMailer } from '../src/platform/mail/mailer';
import { prng } from '../src/platform/prng';
import { Assessment } from '../src/modules/assessments';
import { Attendance } from '../src/modules/attendance';
import { Course, Instructor, Room, seedCatalogueDemo, type Trade } from '../src/modules/catalogue';
import { Certificate, CertificationScheme } from '../src/modules/certificates';
import { JobProfile, positionKey } from '../src/modules/competencies';
import { ContinuityEntry, type WeldingProcess } from '../src/modules/continuity';
import { Enrollment, Meeting, TrainingSession } from '../src/modules/scheduling';
import { Worker } from '../src/modules/workers';
import { ReportSnapshots } from '../src/modules/reports';
import { Workshop } from '../src/modules/workshops';

export interface GenerateOptions { workshops: number; workers: number; assessments: number; certificates: number; months: number; seed: number; now?: Date }
export const DEFAULTS: GenerateOptions = { workshops: 200, workers: 5000, assessments: 100000, certificates: 20000, months: 24, seed: 1 };

const DAY = 86_400_000;
const FIRST = ['Ahmad', 'Budi', 'Slamet', 'Agus', 'Eko', 'Joko', 'Sri', 'Siti', 'Dewi', 'Wahyu', 'Bambang', 'Tri', 'Dwi', 'Rudi', 'Heri', 'Sugeng', 'Yanto', 'Darsono', 'Tarmuji', 'Kasmuri', 'Nur', 'Rina', 'Fajar', 'Imam', 'Arif', 'Dedi', 'Teguh', 'Wawan', 'Yusuf', 'Rizki'];
const LAST = ['Santoso', 'Prasetyo', 'Hidayat', 'Wibowo', 'Setiawan', 'Susanto', 'Rahayu', 'Lestari', 'Nugroho', 'Saputra', 'Kurniawan', 'Suprapto', 'Hartono', 'Riyadi', 'Widodo', 'Purnomo', 'Sulistyo', 'Maulana', 'Firmansyah', 'Hakim'];
const SHOP_A = ['Logam', 'Baja', 'Karya', 'Presisi', 'Mitra', 'Cor', 'Anugrah', 'Berkah', 'Sumber', 'Bina', 'Samudra', 'Putra', 'Makmur', 'Sinar', 'Tunas', 'Jaya'];
const SHOP_B = ['Jaya', 'Teknik', 'Mandiri', 'Sentosa', 'Abadi', 'Utama', 'Makmur', 'Sejahtera', 'Perkasa', 'Lestari', 'Mulia', 'Sakti'];
const PLACE = ['Takaru', 'Tegal', 'Dampyak', 'Kramat', 'Talang', 'Cempaka', 'Pantura', 'Slawi', 'Adiwerna', 'Pangkah'];
/** Trades and the share of workers in them; positions and core schemes per trade (synthetic). */
const TRADE_MIX: { trade: Trade; weight: number; positions: string[]; scheme: string; process?: WeldingProcess }[] = [
  { trade: 'welding', weight: 30, positions: ['Juru las SMAW 3G', 'Juru las GMAW'], scheme: 'GEN Juru Las SMAW (sintetis)', process: 'SMAW' },
  { trade: 'machining', weight: 25, positions: ['Operator mesin bubut', 'Operator mesin frais'], scheme: 'GEN Operator Mesin Bubut (sintetis)' },
  { trade: 'casting', weight: 10, positions: ['Operator pengecoran'], scheme: 'GEN Operator Pengecoran (sintetis)' },
  { trade: 'sheet_metal', weight: 10, positions: ['Operator pelat'], scheme: 'GEN Operator Pelat (sintetis)' },
  { trade: 'qc', weight: 10, positions: ['Inspektur mutu'], scheme: 'GEN Inspektur Dimensi (sintetis)' },
  { trade: 'assembly', weight: 10, positions: ['Operator perakitan'], scheme: 'GEN Operator Perakitan (sintetis)' },
  { trade: 'safety', weight: 5, positions: ['Petugas K3'], scheme: 'GEN Petugas K3 (sintetis)' },
];

async function insertBatches<T>(model: { insertMany(docs: T[], opts: { ordered: boolean; lean: boolean }): Promise<unknown> }, docs: T[], size = 2000): Promise<void> {
  for (let i = 0; i < docs.length; i += size) await model.insertMany(docs.slice(i, i + size), { ordered: false, lean: true });
}

/** Writes the synthetic data set; returns how many records of each kind it wrote. */
export async function generate(deps: ServiceDeps, options: Partial<GenerateOptions> = {}, log: (s: string) => void = () => undefined): Promise<Record<string, number>> {
  const o = { ...DEFAULTS, ...options };
  const rnd = prng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const token = () => Buffer.from(Array.from({ length: 24 }, () => Math.floor(rnd() * 256))).toString('base64url');
  const now = o.now ?? new Date();

  await seedCatalogueDemo(deps);
  const courses = await Course.find({ active: true }, { trade: 1, units: 1, durationHours: 1, code: 1 }).lean();
  const room = (await Room.findOne({}, { _id: 1 }).lean()) ?? (await Room.create({ name: 'GEN Bengkel', kind: 'workshop_bay', capacity: 20 }));
  const instructors = (await Instructor.find({}, { _id: 1 }).lean()).map((i) => i._id);
  const byTrade = new Map<string, typeof courses>();
  for (const c of courses) byTrade.set(c.trade, [...(byTrade.get(c.trade) ?? []), c]);
  const anyCourses = courses.filter((c) => c.units.length > 0);

  // Job profiles and schemes, one per position / trade, requiring the units of the trade's courses.
  const schemes = new Map<string, { _id: Types.ObjectId; name: string; trade: Trade; process?: WeldingProcess }>();
  for (const m of TRADE_MIX) {
    const units = [...new Map((byTrade.get(m.trade) ?? anyCourses.slice(0, 2)).flatMap((c) => c.units.map((u) => [String(u.unit), u.unit] as const))).values()].slice(0, 5);
    let scheme = await CertificationScheme.findOne({ name: m.scheme }, { _id: 1 }).lean();
    scheme ??= await CertificationScheme.create({
      name: m.scheme, kkniLevel: 2, issuingBody: { kind: 'lsp', name: 'GEN LSP Logam Tegal (sintetis)' }, trade: m.trade, units,
      validity: m.process ? { kind: 'continuity', process: m.process } : { kind: 'fixed_term', years: 3 }, description: 'Data generator (sintetis)',
    });
    schemes.set(m.trade, { _id: scheme._id, name: m.scheme, trade: m.trade, process: m.process });
    for (const position of m.positions) {
      if (await JobProfile.exists({ positionKey: positionKey(position) })) continue;
      await JobProfile.create({ position, positionKey: positionKey(position), title: { id: position, en: position }, trade: m.trade, requirements: units.map((u, i) => ({ unit: u, level: i === 0 ? 3 : 2 })), coreScheme: m.scheme });
    }
  }

  // Workshops and workers.
  const shops = Array.from({ length: o.workshops }, (_, i) => ({
    _id: new Types.ObjectId(), legalForm: pick(['CV', 'PT', 'UD'] as const), name: `${pick(SHOP_A)} ${pick(SHOP_B)} ${pick(PLACE)} ${i + 1}`,
    owner: `${pick(FIRST)} ${pick(LAST)}`, unit: `Blok G-${i + 1}`, products: 'Komponen logam (data generator, sintetis)',
  }));
  await insertBatches(Workshop, shops);
  const totalWeight = TRADE_MIX.reduce((a, m) => a + m.weight, 0);
  const tradeOf = () => {
    let x = rnd() * totalWeight;
    for (const m of TRADE_MIX) if ((x -= m.weight) < 0) return m;
    return TRADE_MIX[0]!;
  };
  const workers = Array.from({ length: o.workers }, (_, i) => {
    const m = tradeOf();
    const noPosition = rnd() < 0.05;
    return {
      _id: new Types.ObjectId(), name: `${pick(FIRST)} ${pick(LAST)}`, workshop: shops[i < shops.length ? i : int(0, shops.length - 1)]!._id,
      trades: rnd() < 0.15 ? [m.trade, tradeOf().trade].filter((v, j, a) => a.indexOf(v) === j) : [m.trade], position: noPosition ? undefined : pick(m.positions),
      joinedAt: new Date(now.getTime() - int(60, 3000) * DAY), active: rnd() > 0.03,
    };
  });
  await insertBatches(Worker, workers);
  log(`workshops ${shops.length}, workers ${workers.length}`);

  // Classes: 10 workers of the course's trade each, 2–3 meetings of 4 hours, over the past months.
  const sessions: object[] = [], meetings: object[] = [], enrollments: object[] = [], attendance: object[] = [], assessments: object[] = [];
  const workersOfTrade = new Map<string, typeof workers>();
  for (const w of workers) for (const t of w.trades) workersOfTrade.set(t, [...(workersOfTrade.get(t) ?? []), w]);
  const level = new Map<string, number>();
  let count = 0;
  while (count < o.assessments) {
    const course = pick(anyCourses);
    const pool = workersOfTrade.get(course.trade) ?? workers;
    const start = new Date(now.getTime() - int(7, o.months * 30) * DAY);
    start.setUTCHours(1, 0, 0, 0); // 08:00 WIB
    const n = int(2, 3);
    const sessionId = new Types.ObjectId();
    const ms = Array.from({ length: n }, (_, k) => ({ _id: new Types.ObjectId(), session: sessionId, start: new Date(start.getTime() + k * 7 * DAY), end: new Date(start.getTime() + k * 7 * DAY + 4 * 3600_000), room: room._id, instructors: instructors.slice(0, 1), checkinToken: token(), cancelled: false }));
    meetings.push(...ms);
    sessions.push({ _id: sessionId, course: course._id, instructors: instructors.slice(0, 1), room: room._id, capacity: 12, state: 'open', firstStart: ms[0]!.start, lastEnd: ms[n - 1]!.end, notes: 'Data generator (sintetis)' });
    const chosen = new Set<(typeof workers)[number]>();
    while (chosen.size < Math.min(10, pool.length)) chosen.add(pick(pool));
    for (const w of chosen) {
      const enrollmentId = new Types.ObjectId();
      enrollments.push({ _id: enrollmentId, session: sessionId, worker: w._id, status: 'enrolled', requestedBy: 'coordinator', enrolledAt: start });
      for (const m of ms) {
        if (m.start.getTime() > now.getTime()) continue;
        const x = rnd();
        attendance.push({ meeting: m._id, session: sessionId, worker: w._id, status: x < 0.85 ? 'present' : x < 0.9 ? 'late' : x < 0.96 ? 'absent' : 'excused', via: x < 0.5 ? 'qr' : 'manual', recordedAt: m.start });
      }
      const last = ms[n - 1]!;
      if (last.end.getTime() > now.getTime()) continue;
      for (const u of course.units) {
        const key = `${w._id}_${u.unit}`;
        const pre = Math.min(4, level.get(key) ?? int(0, 2));
        const post = Math.min(4, pre + int(0, 2));
        level.set(key, post);
        const base = { enrollment: enrollmentId, session: sessionId, course: course._id, worker: w._id, unit: u.unit, method: 'observation', assessorName: 'GEN Asesor (sintetis)' };
        assessments.push({ ...base, kind: 'pre', level: pre, assessedAt: ms[0]!.start }, { ...base, kind: 'post', level: post, assessedAt: last.end });
        count += 2;
      }
    }
  }
  await insertBatches(TrainingSession, sessions);
  await insertBatches(Meeting, meetings);
  await insertBatches(Enrollment, enrollments);
  await insertBatches(Attendance, attendance);
  await insertBatches(Assessment, assessments);
  log(`sessions ${sessions.length}, meetings ${meetings.length}, enrolments ${enrollments.length}, attendance ${attendance.length}, assessments ${assessments.length}`);

  // Certificates: issued over the past four years to workers of the scheme's trade; a few revoked.
  const certs: object[] = [];
  const active = workers.filter((w) => w.position);
  for (let i = 0; i < o.certificates; i++) {
    const w = pick(active);
    const scheme = schemes.get(w.trades[0]!)!;
    const issueDate = new Date(now.getTime() - int(1, 4 * 365) * DAY);
    issueDate.setUTCHours(17, 0, 0, 0); // midnight WIB
    const revoked = rnd() < 0.02;
    certs.push({
      number: `GEN/${issueDate.getUTCFullYear()}/${String(i + 1).padStart(6, '0')}`, verifyCode: token(), worker: w._id, holderName: w.name, scheme: scheme._id, schemeName: scheme.name, kkniLevel: 2,
      issuingBody: { kind: 'lsp', name: 'GEN LSP Logam Tegal (sintetis)' }, trade: scheme.trade,
      units: [{ code: 'GEN.001', title: { id: 'Unit generator (sintetis)', en: 'Generated unit (synthetic)' } }], issueDate,
      validity: scheme.process ? { kind: 'continuity', process: scheme.process } : { kind: 'fixed_term', years: 3 }, source: 'history',
      ...(revoked ? { revokedAt: new Date(issueDate.getTime() + 30 * DAY), revocationReason: 'Data generator (sintetis)' } : {}),
    });
  }
  await insertBatches(Certificate, certs);
  // Welders' continuity log: 0–4 uses of SMAW in the last nine months.
  const entries: object[] = [];
  for (const w of workers) {
    if (!w.trades.includes('welding')) continue;
    for (let k = int(0, 4); k > 0; k--) {
      const date = new Date(now.getTime() - int(1, 270) * DAY);
      date.setUTCHours(17, 0, 0, 0);
      entries.push({ worker: w._id, process: rnd() < 0.8 ? 'SMAW' : 'GMAW', date, kind: 'use', evidence: 'GEN WPS-01 (sintetis)' });
    }
  }
  await insertBatches(ContinuityEntry, entries);
  log(`certificates ${certs.length}, continuity entries ${entries.length}`);
  return { workshops: shops.length, workers: workers.length, sessions: sessions.length, meetings: meetings.length, enrollments: enrollments.length, attendance: attendance.length, assessments: assessments.length, certificates: certs.length, continuity: entries.length };
}

function parseArgs(argv: string[]): Partial<GenerateOptions> {
  const out: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(workshops|workers|assessments|certificates|months|seed)$/.exec(argv[i]!);
    if (!m) throw new Error(`unknown option ${argv[i]} (use --workshops --workers --assessments --certificates --months --seed)`);
    const n = Number(argv[++i]);
    if (!Number.isInteger(n) || n < 1 || n > 10_000_000) throw new Error(`--${m[1]} must be a positive whole number`);
    out[m[1]!] = n;
  }
  return out;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await connectDatabase(config, logger);
  await buildIndexes();
  const deps = { config, connection: db.connection, clock: systemClock, mailer: createMailer({ from: config.mailFrom, smtpUrl: config.smtpUrl, outboxDir: config.outboxDir }), i18n: createI18n(), logger };
  const started = Date.now();
  const counts = await generate(deps, options, (s) => process.stdout.write(`${s}\n`));
  process.stdout.write(`Generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}\n`);
  // Report snapshots built before this are out of date (the job rebuilds them; `npm run reports:snapshots` now).
  await new ReportSnapshots({ clock: systemClock, logger }).markChanged();
  await db.close();
}

if (process.argv[1] && /generate\.ts$/.test(process.argv[1])) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
