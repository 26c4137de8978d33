/**
 * `npm run generate -- --workshops 200 --workers 5000 --assessments 150000 --certificates 20000 --notifications 100000 [--months 36] [--seed 1]`
 *
 * Fills the configured database (MONGODB_URI, else the embedded FerretDB under DATA_DIR) with
 * realistic, synthetic data at scale for benchmarks: LIK Takaru's catalogue (the demo catalogue's
 * real SKKNI units and courses), job profiles and certification schemes per trade, workshops of
 * 3–40 workers with Javanese/Indonesian names, three years (`--months`) of past classes with
 * meetings, enrolments, attendance and pre/post assessments, upcoming classes of the next eight
 * weeks, certificates in every state, welders' continuity logs, and in-app notices (mostly read)
 * to workers and accounts over the same period. The demo accounts the load benchmark logs in as
 * (pekerja@, instruktur@, koordinator@, manajer@takaru.test, when the demo data is loaded) get a
 * history too: the demo worker is enrolled in a class about every six weeks and in upcoming ones,
 * the demo instructor teaches a share of the classes, and all of them have notices.
 * Deterministic: the same options give the same data (mulberry32, src/platform/prng.ts; no
 * Math.random). Everything it writes is labelled synthetic ("GEN" codes, "(sintetis)" notes).
 * Bulk inserts (insertMany, unordered, in batches): a benchmark database, not a demo.
 */
import { Types, trusted } from 'mongoose';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/platform/clock';
import { buildIndexes, connectDatabase } from '../src/platform/db/mongo';
import type { ServiceDeps } from '../src/platform/deps';
import { createI18n } from '../src/platform/i18n';
import { createLogger } from '../src/platform/logger';
import { createMailer } from '../src/platform/mail/mailer';
import { prng } from '../src/platform/prng';
import { Assessment, rebuildAssessmentReadModels } from '../src/modules/assessments';
import { Attendance, rebuildAttendanceReadModels } from '../src/modules/attendance';
import { Course, Instructor, Room, seedCatalogueDemo, type Trade } from '../src/modules/catalogue';
import { Certificate, CertificationScheme, rebuildCertificateReadModels } from '../src/modules/certificates';
import { JobProfile, positionKey } from '../src/modules/competencies';
import { ContinuityEntry, rebuildContinuityReadModels, type WeldingProcess } from '../src/modules/continuity';
import { Enrollment, Meeting, TrainingSession, rebuildEnrolmentReadModels, rebuildMeetingReadModels } from '../src/modules/scheduling';
import { Worker, rebuildWorkerReadModels } from '../src/modules/workers';
import { User } from '../src/modules/accounts';
import { Notification } from '../src/modules/notifications';
import { ReportSnapshots } from '../src/modules/reports';
import { Workshop } from '../src/modules/workshops';

export interface GenerateOptions { workshops: number; workers: number; assessments: number; certificates: number; notifications: number; months: number; seed: number; now?: Date }
export const DEFAULTS: GenerateOptions = { workshops: 200, workers: 5000, assessments: 150000, certificates: 20000, notifications: 100000, months: 36, seed: 1 };

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
  const instructorDocs = await Instructor.find({}, { _id: 1, user: 1 }).lean();
  const instructors = instructorDocs.map((i) => i._id);
  // The demo accounts (present when the demo data was loaded first): their pages get a history too.
  const demoUsers = await User.find({ email: trusted({ $in: ['pekerja@takaru.test', 'instruktur@takaru.test', 'koordinator@takaru.test', 'manajer@takaru.test'] }) }, { email: 1 }).lean();
  const demoUser = (e: string) => demoUsers.find((u) => u.email === e)?._id;
  const demoInstructor = instructorDocs.find((i) => i.user && String(i.user) === String(demoUser('instruktur@takaru.test')))?._id;
  const demoWorkerDoc = demoUser('pekerja@takaru.test') ? await Worker.findOne({ user: demoUser('pekerja@takaru.test') }, { _id: 1, trades: 1 }).lean() : null;
  // A third of the classes taught by the demo instructor, the rest by any instructor.
  const teacher = () => (demoInstructor && rnd() < 0.33 ? demoInstructor : pick(instructors));
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
  await rebuildWorkerReadModels(); // the workers bypassed `workersChanged`: every workshop's roster from one read
  log(`workshops ${shops.length}, workers ${workers.length}`);

  // Classes: 8–16 workers of the course's trade each, 2–3 meetings of 4 hours, over the past months
  // (until the assessments wanted are written), then the next eight weeks' classes (no assessments).
  const sessions: object[] = [], meetings: object[] = [], enrollments: object[] = [], attendance: object[] = [], assessments: object[] = [];
  const workersOfTrade = new Map<string, typeof workers>();
  for (const w of workers) for (const t of w.trades) workersOfTrade.set(t, [...(workersOfTrade.get(t) ?? []), w]);
  const level = new Map<string, number>();
  /** The classes written, for the notices below. */
  const classes: { id: Types.ObjectId; course: (typeof courses)[number]; meetings: { _id: Types.ObjectId; start: Date }[]; workers: Types.ObjectId[]; instructor: Types.ObjectId }[] = [];
  // The demo worker joins about one past class in 40 of their trade (some 20–30 over three years at
  // the default sizes) and every fourth upcoming one.
  let count = 0;
  let future = -1;
  const addClass = (start: Date): { ms: { _id: Types.ObjectId; start: Date; end: Date }[]; chosen: { _id: Types.ObjectId }[]; course: (typeof courses)[number]; sessionId: Types.ObjectId } => {
    const course = pick(anyCourses);
    const pool = workersOfTrade.get(course.trade) ?? workers;
    start.setUTCHours(1, 0, 0, 0); // 08:00 WIB
    const n = int(2, 3);
    const sessionId = new Types.ObjectId();
    const instructor = teacher();
    const ms = Array.from({ length: n }, (_, k) => ({ _id: new Types.ObjectId(), session: sessionId, start: new Date(start.getTime() + k * 7 * DAY), end: new Date(start.getTime() + k * 7 * DAY + 4 * 3600_000), room: room._id, instructors: [instructor], checkinToken: token(), cancelled: false }));
    meetings.push(...ms);
    const size = int(8, 16);
    sessions.push({ _id: sessionId, course: course._id, instructors: [instructor], room: room._id, capacity: 16, state: 'open', firstStart: ms[0]!.start, lastEnd: ms[n - 1]!.end, notes: 'Data generator (sintetis)' });
    const chosen = new Set<{ _id: Types.ObjectId }>();
    const withDemo = demoWorkerDoc && (future >= 0 ? rnd() < 0.25 : demoWorkerDoc.trades.includes(course.trade) && rnd() < 0.025);
    if (withDemo) chosen.add(demoWorkerDoc);
    while (chosen.size < Math.min(size, pool.length)) chosen.add(pick(pool));
    classes.push({ id: sessionId, course, meetings: ms, workers: [...chosen].map((w) => w._id), instructor });
    return { ms, chosen: [...chosen], course, sessionId };
  };
  while (count < o.assessments) {
    const { ms, chosen, course, sessionId } = addClass(new Date(now.getTime() - int(7, o.months * 30) * DAY));
    const n = ms.length;
    const start = ms[0]!.start;
    for (const w of chosen) {
      const enrollmentId = new Types.ObjectId();
      enrollments.push({ _id: enrollmentId, session: sessionId, worker: w._id, status: 'enrolled', requestedBy: 'coordinator', enrolledAt: new Date(start.getTime() - int(3, 20) * DAY) });
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
  // Upcoming classes: as many per week as the past held on average, over the next eight weeks.
  const past = sessions.length;
  const upcoming = Math.round((past / (o.months * 30)) * 56);
  for (future = 0; future < upcoming; future++) {
    const { ms, chosen, sessionId } = addClass(new Date(now.getTime() + int(1, 56) * DAY));
    for (const w of chosen) enrollments.push({ _id: new Types.ObjectId(), session: sessionId, worker: w._id, status: 'enrolled', requestedBy: rnd() < 0.3 ? 'worker' : 'coordinator', enrolledAt: new Date(Math.min(now.getTime(), ms[0]!.start.getTime() - 3 * DAY)) });
  }
  await insertBatches(TrainingSession, sessions);
  await insertBatches(Meeting, meetings);
  await insertBatches(Enrollment, enrollments);
  // The enrolments bypassed the hook: rebuild their read models from one read (not one scan per 200 keys).
  await rebuildEnrolmentReadModels();
  // The meetings too: every session's and week's meeting document from one read.
  await rebuildMeetingReadModels();
  await insertBatches(Attendance, attendance);
  // Attendance bypassed the hook too: every session's attendance document from one read.
  await rebuildAttendanceReadModels();
  await insertBatches(Assessment, assessments);
  // The assessments bypassed the hook too: every worker's levels document from one read.
  await rebuildAssessmentReadModels();
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
  // Certificates and the log bypassed their hooks: every holder's documents from one read each.
  await Promise.all([rebuildCertificateReadModels(), rebuildContinuityReadModels()]);
  log(`certificates ${certs.length}, continuity entries ${entries.length}`);
  const notices = await generateNotifications(o.notifications, { rnd, pick, int, now, classes, workers: workers.map((w) => w._id), demo: { workerUser: demoWorkerDoc ? demoUser('pekerja@takaru.test') : undefined, instructorUser: demoUser('instruktur@takaru.test'), others: [demoUser('koordinator@takaru.test'), demoUser('manajer@takaru.test')].filter((u) => u !== undefined) }, instructorUsers: new Map(instructorDocs.filter((i) => i.user).map((i) => [String(i._id), i.user!])) });
  log(`notifications ${notices}`);
  return { workshops: shops.length, workers: workers.length, sessions: sessions.length, upcomingSessions: upcoming, meetings: meetings.length, enrollments: enrollments.length, attendance: attendance.length, assessments: assessments.length, certificates: certs.length, continuity: entries.length, notifications: notices };
}

interface NoticeContext {
  rnd: () => number; pick: <T>(xs: readonly T[]) => T; int: (lo: number, hi: number) => number; now: Date;
  classes: { id: Types.ObjectId; course: { code?: string | null; title?: { id?: string | null; en?: string | null } | null }; meetings: { _id: Types.ObjectId; start: Date }[]; workers: Types.ObjectId[]; instructor: Types.ObjectId }[];
  workers: Types.ObjectId[];
  demo: { workerUser?: Types.ObjectId; instructorUser?: Types.ObjectId; others: Types.ObjectId[] };
  instructorUsers: Map<string, Types.ObjectId>;
}

/** Kinds and their share of the notices, as the app's jobs and pages record them. */
const NOTICE_MIX: [kind: string, weight: number][] = [
  ['class-reminder', 50], ['enrolled', 15], ['instructor-reminder', 8], ['session-rescheduled', 7], ['session-cancelled', 4],
  ['waitlisted', 4], ['waitlist-promoted', 3], ['enrollment-cancelled', 3], ['meeting-added', 3], ['cert-expiry', 3],
];

/**
 * `total` notices over the generated classes, addressed as the app addresses them (notifyWorkers:
 * the worker's account when linked — only the demo worker here — else the worker record;
 * notifyUser: instructors' accounts). About 90 % read; those of the last two weeks mostly unread.
 * The demo accounts get some 1 in 400 of them each (at least 30), so their inbox and header count
 * are realistic. Returns how many were written.
 */
async function generateNotifications(total: number, c: NoticeContext): Promise<number> {
  if (total <= 0 || c.classes.length === 0) return 0;
  const weight = NOTICE_MIX.reduce((a, [, w]) => a + w, 0);
  const kindOf = () => {
    let x = c.rnd() * weight;
    for (const [k, w] of NOTICE_MIX) if ((x -= w) < 0) return k;
    return 'class-reminder';
  };
  const demoShare = Math.max(30, Math.round(total / 400));
  const batch: object[] = [];
  let written = 0;
  const flush = async () => {
    await insertBatches(Notification, batch.splice(0));
  };
  const fmtCourse = (k: NoticeContext['classes'][number]['course'], en: boolean) => `${k.code ?? ''} ${(en ? k.title?.en || k.title?.id : k.title?.id || k.title?.en) ?? ''}`.trim();
  for (let i = 0; i < total; i++) {
    const cls = c.pick(c.classes);
    const m = c.pick(cls.meetings);
    let kind = kindOf();
    // The first notices go to the demo accounts; the rest to the class's people.
    const demoIndex = i < demoShare * 3 ? i % 3 : -1;
    let recipient: { user?: Types.ObjectId; worker?: Types.ObjectId } | null;
    if (demoIndex === 0 && c.demo.workerUser) {
      recipient = { user: c.demo.workerUser };
      if (kind === 'instructor-reminder') kind = 'class-reminder';
    } else if (demoIndex === 1 && c.demo.instructorUser) {
      recipient = { user: c.demo.instructorUser };
      kind = 'instructor-reminder';
    } else if (demoIndex === 2 && c.demo.others.length > 0) {
      recipient = { user: c.pick(c.demo.others) };
      kind = 'session-cancelled';
    } else if (kind === 'instructor-reminder') {
      const u = c.instructorUsers.get(String(cls.instructor));
      recipient = u ? { user: u } : { worker: c.pick(cls.workers) };
      if (!u) kind = 'class-reminder';
    } else {
      recipient = { worker: cls.workers.length ? c.pick(cls.workers) : c.pick(c.workers) };
    }
    // Recorded a day or so before the meeting (reminders, changes) or at enrolment; never in the future.
    const createdAt = new Date(Math.min(c.now.getTime() - c.int(1, 600) * 60_000, m.start.getTime() - c.int(1, 72) * 3600_000));
    const recent = c.now.getTime() - createdAt.getTime() < 14 * DAY;
    const read = c.rnd() < (recent ? 0.35 : 0.95);
    const params: Record<string, string> = { course_id: fmtCourse(cls.course, false), course_en: fmtCourse(cls.course, true), start: m.start.toISOString(), meeting: String(m._id) };
    if (kind === 'class-reminder') Object.assign(params, { room: 'GEN Bengkel', offset: c.rnd() < 0.5 ? '24h' : '2h' });
    if (kind === 'instructor-reminder') Object.assign(params, { room: 'GEN Bengkel', attendees: String(cls.workers.length) });
    if (kind === 'session-rescheduled') Object.assign(params, { old: new Date(m.start.getTime() - DAY).toISOString(), new: m.start.toISOString() });
    if (kind === 'meeting-added') Object.assign(params, { new: m.start.toISOString() });
    if (kind === 'session-cancelled') Object.assign(params, { reason_id: 'Instruktur berhalangan (sintetis)', reason_en: 'Instructor unavailable (synthetic)', reason: 'Instruktur berhalangan (sintetis)' });
    if (kind === 'waitlisted') Object.assign(params, { position: String(c.int(1, 5)) });
    if (kind === 'cert-expiry') Object.assign(params, { scheme: 'GEN Juru Las SMAW (sintetis)', number: `GEN/${createdAt.getUTCFullYear()}/${String(c.int(1, 20000)).padStart(6, '0')}`, until: new Date(createdAt.getTime() + 60 * DAY).toISOString(), count: '60' });
    const emailed = c.rnd() < 0.7;
    batch.push({
      key: `gen-${kind}:${i}:${String(recipient.user ?? recipient.worker)}`, ...recipient, kind, params,
      link: kind === 'cert-expiry' ? '/my/certificates' : kind === 'instructor-reminder' ? `/meetings/${String(m._id)}/attendance` : `/sessions/${String(cls.id)}`,
      ...(read ? { readAt: new Date(createdAt.getTime() + c.int(5, 48 * 60) * 60_000) } : {}),
      hidden: false,
      email: emailed ? { status: 'sent', queuedAt: createdAt, attempts: 1, gen: 1, to: 'gen@pekerja.takaru.test', language: 'id', sentAt: new Date(createdAt.getTime() + 5000), lastAttemptAt: new Date(createdAt.getTime() + 5000) } : { status: c.rnd() < 0.5 ? 'no_email' : 'inbox_only', attempts: 0, gen: 0 },
      createdAt, updatedAt: createdAt,
    });
    written++;
    if (batch.length >= 5000) await flush();
  }
  await flush();
  return written;
}

function parseArgs(argv: string[]): Partial<GenerateOptions> {
  const out: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(workshops|workers|assessments|certificates|notifications|months|seed)$/.exec(argv[i]!);
    if (!m) throw new Error(`unknown option ${argv[i]} (use --workshops --workers --assessments --certificates --notifications --months --seed)`);
    const n = Number(argv[++i]);
    if (!Number.isInteger(n) || n < (m[1] === 'notifications' ? 0 : 1) || n > 10_000_000) throw new Error(`--${m[1]} must be a positive whole number`);
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
