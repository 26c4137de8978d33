import { summariseWorker, type AttendanceStatus } from '../attendance';
import { certificateStatus, type CertificateStatus } from '../certificates';
import { currentLevelsFrom, pairEvents, periodOf, positionKey, rollupGains, type GainRollup, type GainRow, type LevelEvent, type ProfileLookup } from '../competencies';
import { continuityFrom, welderStatus, type WelderStatus } from '../continuity';
import { bucketCoverage, bucketEnd, periodBuckets, previousPeriod, type Period } from './period';

/*
 * Every figure of the dashboard, as pure functions over plain rows (loaded by reports.data.ts with
 * lean, projected queries). FerretDB's $group has only $sum/$count, so means, distinct counts,
 * latest levels and statuses are computed here, in TypeScript. Definitions: README.md.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface RWorker { id: string; name: string; workshopId: string; trades: string[]; position: string }
export interface RCourse { id: string; code: string; title: { id: string; en: string }; trade: string; minAttendancePct: number }
export interface RSession { id: string; courseId: string; cancelled: boolean }
export interface RMeeting { id: string; sessionId: string; start: Date; end: Date; cancelled: boolean }
export interface REnrollment { sessionId: string; workerId: string }
export interface RAttendance { meetingId: string; workerId: string; status: AttendanceStatus }
export interface REvidence { process: string; date: Date; kind?: string | null }
export interface RCertificate {
  id: string;
  workerId: string;
  /** The certification scheme's id (its current name, in `ReportData.schemes`, also counts). */
  schemeId?: string;
  holderName: string;
  schemeName: string;
  number: string;
  verifyCode: string;
  trade: string;
  kkniLevel: number;
  issuingBody: string;
  issueDate: Date;
  validity: { kind: string; years?: number | null; process?: string | null };
  revokedAt?: Date | null;
  renewed: boolean;
}

/** Everything the figures are computed from; `workers` are the active workers of every workshop. */
export interface ReportData {
  now: Date;
  period: Period;
  workshops: { id: string; name: string }[];
  workers: RWorker[];
  profiles: Map<string, ProfileLookup>;
  courses: Map<string, RCourse>;
  sessions: RSession[];
  meetings: RMeeting[];
  enrollments: REnrollment[];
  attendance: RAttendance[];
  events: LevelEvent[];
  certificates: RCertificate[];
  evidence: Map<string, REvidence[]>;
  /** Certification schemes, id → current name: core schemes naming none of them are reported. */
  schemes?: Map<string, string>;
}

/** Which workers and training a report is about: one workshop or all (null), one trade or all. */
export interface Scope { workshopId: string | null; trade: string | null }

export interface Ratio { num: number; den: number; pct: number | null }
const ratio = (num: number, den: number): Ratio => ({ num, den, pct: den > 0 ? Math.round((num * 1000) / den) / 10 : null });
const round2 = (n: number | undefined) => (n === undefined ? null : Math.round(n * 100) / 100);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);

/** Appends to the list under `key` (in place: copying the list per item is quadratic at scale). */
function push<K, V>(m: Map<K, V[]>, key: K, v: V): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

const memo = new WeakMap<ReportData, Map<string, unknown>>();
/** Per-data caches: the same levels, certificate lists and records serve every workshop and bucket. */
function cached<T>(data: ReportData, key: string, make: () => T): T {
  let m = memo.get(data);
  if (!m) memo.set(data, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/** Active workers in the scope: of the workshop (or all), holding the trade (or any). */
export function population(data: Pick<ReportData, 'workers'>, scope: Scope): RWorker[] {
  return data.workers.filter((w) => (!scope.workshopId || w.workshopId === scope.workshopId) && (!scope.trade || w.trades.includes(scope.trade)));
}

export interface TrainingFigures {
  workersTrained: number;
  personHours: number;
  attendance: Ratio;
  completion: Ratio;
}

/** Meetings that count: not cancelled, of a session not cancelled, of a course of the trade (or any). */
function countedMeetings(data: ReportData, scope: Scope): RMeeting[] {
  // Depends on the trade only: computed once per data and trade (every workshop and bucket asks).
  return cached(data, `meetings:${scope.trade ?? '*'}`, () => {
    const sessions = new Map(data.sessions.map((s) => [s.id, s]));
    return data.meetings.filter((m) => {
      const s = sessions.get(m.sessionId);
      if (!s || s.cancelled || m.cancelled) return false;
      return !scope.trade || data.courses.get(s.courseId)?.trade === scope.trade;
    });
  });
}

function recordsBySessionWorker(data: ReportData): Map<string, Map<string, AttendanceStatus>> {
  return cached(data, 'records', () => recordsOf(data));
}

function recordsOf(data: ReportData): Map<string, Map<string, AttendanceStatus>> {
  const out = new Map<string, Map<string, AttendanceStatus>>();
  for (const r of data.attendance) {
    const m = out.get(r.workerId) ?? new Map<string, AttendanceStatus>();
    m.set(r.meetingId, r.status);
    out.set(r.workerId, m);
  }
  return out;
}

/**
 * Training in [from, to): meetings held (start in the window, start ≤ now). Workers trained = distinct
 * workers with at least one held meeting attended (present or late); person-hours = Σ meeting length
 * over attended meetings; attendance = attended ÷ (held − excused) over enrolled workers × held
 * meetings (unrecorded = absent, as in the attendance module); completion = enrolments completed ÷
 * enrolments of sessions whose last meeting ended in the window.
 */
export function trainingFigures(data: ReportData, scope: Scope, from: Date, to: Date): TrainingFigures {
  // Enrolments of active workers, by workshop: computed once per data (every scope and bucket asks).
  const enrolments = cached(data, 'enrolments', () => {
    const shopOf = new Map(data.workers.map((w) => [w.id, w.workshopId]));
    const active = data.enrollments.filter((e) => shopOf.has(e.workerId));
    const byShop = new Map<string, REnrollment[]>();
    for (const e of active) push(byShop, shopOf.get(e.workerId)!, e);
    return { active, byShop };
  });
  const scoped = scope.workshopId ? (enrolments.byShop.get(scope.workshopId) ?? []) : enrolments.active;
  const bySession = cached(data, `bySession:${scope.trade ?? '*'}`, () => {
    const m = new Map<string, RMeeting[]>();
    for (const x of countedMeetings(data, scope)) push(m, x.sessionId, x);
    return m;
  });
  const records = recordsBySessionWorker(data);
  const end = Math.min(to.getTime(), data.now.getTime() + 1);
  const trained = new Set<string>();
  let personMs = 0;
  let attended = 0;
  let counted = 0;
  let completed = 0;
  let finishedEnrolments = 0;
  const minPct = cached(data, 'minPct', () => new Map(data.sessions.map((s) => [s.id, data.courses.get(s.courseId)?.minAttendancePct ?? 80])));
  for (const e of scoped) {
    const all = bySession.get(e.sessionId);
    if (!all) continue;
    const mine = records.get(e.workerId) ?? new Map<string, AttendanceStatus>();
    const inWindow = all.filter((m) => m.start.getTime() >= from.getTime() && m.start.getTime() < end);
    const s = summariseWorker(inWindow, mine, 0, data.now);
    attended += s.attended;
    counted += s.held - s.excused;
    for (const m of inWindow) {
      const st = mine.get(m.id);
      if ((st === 'present' || st === 'late') && m.start.getTime() <= data.now.getTime()) {
        trained.add(e.workerId);
        personMs += m.end.getTime() - m.start.getTime();
      }
    }
    const lastEnd = Math.max(...all.map((m) => m.end.getTime()));
    if (lastEnd >= from.getTime() && lastEnd < end && lastEnd <= data.now.getTime()) {
      finishedEnrolments++;
      if (summariseWorker(all, mine, minPct.get(e.sessionId) ?? 80, data.now).completed) completed++;
    }
  }
  return { workersTrained: trained.size, personHours: Math.round((personMs / HOUR_MS) * 10) / 10, attendance: ratio(attended, counted), completion: ratio(completed, finishedEnrolments) };
}

/** The certificate as it stood at `asOf`: issued by then; a revocation after `asOf` had not happened yet. */
export function statusAt(c: RCertificate, evidence: readonly REvidence[], asOf: Date) {
  const revokedAt = c.revokedAt && c.revokedAt.getTime() <= asOf.getTime() ? c.revokedAt : null;
  return certificateStatus({ issueDate: c.issueDate, validity: c.validity, revokedAt }, evidence, asOf);
}

/** A scheme name compared: lower case, words only (case, spacing and punctuation ignored). */
export function schemeKey(name: string): string {
  return name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
}

/**
 * Whether a certificate's scheme is the profile's core scheme: the SAME name, case, spacing and
 * punctuation ignored. Not "contains the words": that let "Operator Mesin Bubut CNC" certify a
 * manual lathe operator and hid misspelt core schemes; a core scheme naming no scheme is reported
 * instead (CertifiedFigures.unknownSchemes), so a mismatch shows rather than reading as 0 %.
 */
export function meetsCoreScheme(schemeName: string, coreScheme: string): boolean {
  const need = schemeKey(coreScheme);
  return need.length > 0 && schemeKey(schemeName) === need;
}

export interface CertifiedFigures {
  /** Workers whose position's profile names a core scheme: certified ÷ them. */
  certified: Ratio;
  /** Workers left out: no position, no profile for it, or a profile without a core scheme. */
  withoutCoreScheme: number;
  /**
   * Core schemes of the scope's workers' profiles that name no certification scheme (when the
   * schemes are known): nobody can be certified for them — usually a typo in the job profile.
   */
  unknownSchemes: string[];
}

/**
 * Certified workforce at `asOf`: of the workers whose position has a job profile with a core scheme,
 * those holding a certificate of that scheme (see meetsCoreScheme) issued by then and valid
 * or expiring at `asOf`.
 */
export function certifiedFigures(data: ReportData, workers: readonly RWorker[], asOf: Date): CertifiedFigures {
  const certsOf = cached(data, 'certs', () => {
    const m = new Map<string, RCertificate[]>();
    for (const c of data.certificates) {
      const list = m.get(c.workerId);
      if (list) list.push(c);
      else m.set(c.workerId, [c]);
    }
    return m;
  });
  const known = data.schemes ? cached(data, 'schemeKeys', () => new Set([...data.schemes!.values()].map(schemeKey))) : null;
  const current = (c: RCertificate) => (c.schemeId ? data.schemes?.get(c.schemeId) : undefined);
  const unknown = new Set<string>();
  let num = 0;
  let den = 0;
  let without = 0;
  for (const w of workers) {
    const core = w.position ? data.profiles.get(positionKey(w.position))?.coreScheme : '';
    if (!core) {
      without++;
      continue;
    }
    den++;
    if (known && !known.has(schemeKey(core))) unknown.add(core);
    const holds = (certsOf.get(w.id) ?? []).some((c) => {
      const name = current(c);
      if (!(meetsCoreScheme(c.schemeName, core) || (name !== undefined && meetsCoreScheme(name, core))) || c.issueDate.getTime() >= asOf.getTime()) return false;
      const st = statusAt(c, data.evidence.get(w.id) ?? [], asOf).status;
      return st === 'valid' || st === 'expiring';
    });
    if (holds) num++;
  }
  return { certified: ratio(num, den), withoutCoreScheme: without, unknownSchemes: [...unknown].sort((a, b) => a.localeCompare(b, 'id')) };
}

export interface CoverageFigures {
  /** Required unit-levels met ÷ required unit-levels, over workers with a profile. */
  coverage: Ratio;
  workersWithProfile: number;
  workersWithoutProfile: number;
}

/**
 * Competency coverage at `asOf`: for each worker whose position has a job profile, each required
 * unit counts once; it is met when the worker's latest assessed level (by `asOf`) reaches the
 * required level. Never assessed = level 0.
 */
export function coverageFigures(data: ReportData, workers: readonly RWorker[], asOf: Date): CoverageFigures {
  // Levels of every worker at asOf, once per instant: a worker's levels do not depend on the scope.
  const levels = cached(data, `levels:${asOf.getTime()}`, () => currentLevelsFrom(data.events.filter((e) => e.assessedAt.getTime() < asOf.getTime())));
  let met = 0;
  let required = 0;
  let withProfile = 0;
  for (const w of workers) {
    const profile = w.position ? data.profiles.get(positionKey(w.position)) : undefined;
    if (!profile || profile.requirements.length === 0) continue;
    withProfile++;
    for (const r of profile.requirements) {
      required++;
      if ((levels.get(w.id)?.get(r.unitId)?.level ?? 0) >= r.level) met++;
    }
  }
  return { coverage: ratio(met, required), workersWithProfile: withProfile, workersWithoutProfile: workers.length - withProfile };
}

/** Pre/post pairs of the scope's workers on courses of the trade, placed in [from, to) by the post (else pre) date. */
export function gainRowsOf(data: ReportData, scope: Scope, from: Date, to: Date): GainRow[] {
  // A pair is one enrolment's (so one worker's, one workshop's) pre/post on a unit: pairing every
  // active worker's events once and picking the workshop's pairs gives the same rows, in the same
  // order, as pairing the workshop's events — and serves every scope of a snapshot build.
  const { all, byShop } = cached(data, 'pairs', () => {
    const shopOf = new Map(data.workers.map((w) => [w.id, w.workshopId]));
    const rows = pairEvents(
      data.events.filter((e) => shopOf.has(e.workerId)),
      (e) => ({ trade: data.courses.get(e.courseId)?.trade ?? '', workshopId: shopOf.get(e.workerId) ?? '' }),
    );
    const byShop = new Map<string, GainRow[]>();
    for (const r of rows) push(byShop, r.workshopId, r);
    return { all: rows, byShop };
  });
  const rows = scope.workshopId ? (byShop.get(scope.workshopId) ?? []) : all;
  return rows.filter((r) => {
    if (scope.trade && r.trade !== scope.trade) return false;
    const t = (r.postAt ?? r.preAt)!.getTime();
    return t >= from.getTime() && t < to.getTime();
  });
}

export interface CertificateRow {
  id: string;
  workerId: string;
  holderName: string;
  workshopId: string;
  schemeName: string;
  number: string;
  status: CertificateStatus;
  validUntil: string | null;
  daysLeft: number | null;
}

/** Disjoint counts by status: together they are every certificate counted, each once. */
export interface CertificateCounts {
  /** Status "valid" of the certificates module: more than 90 days left, or no end. */
  valid: number;
  /** Status "expiring" split in two: 0–30 days left (today counts) … */
  expiring30: number;
  /** … and 31–90 days left. */
  expiring31to90: number;
  lapsed: number;
  expired: number;
}

export interface CertificateFigures extends CertificateCounts {
  /**
   * Renewed (superseded) certificates, by the status they have: left out of every figure above (the
   * renewal is the one that counts), but counted here so the page can say "not counting N renewed" —
   * the certificates list counts them under their status and marks them renewed.
   */
  renewed: CertificateCounts;
  /** Expiring within 90 days, lapsed or expired: the list to act on, soonest first. */
  rows: CertificateRow[];
}

/** Certificates expiring within this many days are the first bucket; the rest of "expiring" (≤ EXPIRING_DAYS) the second. */
export const SOON_DAYS = 30;

const zeroCounts = (): CertificateCounts => ({ valid: 0, expiring30: 0, expiring31to90: 0, lapsed: 0, expired: 0 });

/** The bucket of a certificate state: the certificates module's status, "expiring" split at SOON_DAYS. */
export function bucketOf(st: { status: CertificateStatus; daysLeft: number | null }): keyof CertificateCounts | null {
  switch (st.status) {
    case 'valid':
    case 'lapsed':
    case 'expired':
      return st.status;
    case 'expiring':
      return st.daysLeft !== null && st.daysLeft <= SOON_DAYS ? 'expiring30' : 'expiring31to90';
    default:
      return null;
  }
}

/**
 * Certificates of the scope's workers (of the trade, when one is chosen) at `asOf`, by the
 * certificates module's status (certificateStatus), "expiring" split into 0–30 and 31–90 days left so
 * no certificate counts twice. Revoked ones are left out; renewed ones are counted apart (`renewed`).
 */
export function certificateFigures(data: ReportData, workers: readonly RWorker[], scope: Scope, asOf: Date): CertificateFigures {
  const byId = new Map(workers.map((w) => [w.id, w]));
  const out: CertificateFigures = { ...zeroCounts(), renewed: zeroCounts(), rows: [] };
  for (const c of data.certificates) {
    const w = byId.get(c.workerId);
    if (!w || (scope.trade && c.trade !== scope.trade) || c.issueDate.getTime() >= asOf.getTime()) continue;
    const st = statusAt(c, data.evidence.get(c.workerId) ?? [], asOf);
    const bucket = bucketOf(st);
    if (!bucket) continue;
    if (c.renewed) {
      out.renewed[bucket]++;
      continue;
    }
    out[bucket]++;
    if (st.status !== 'valid') {
      out.rows.push({ id: c.id, workerId: c.workerId, holderName: c.holderName, workshopId: w.workshopId, schemeName: c.schemeName, number: c.number, status: st.status, validUntil: st.validUntil, daysLeft: st.daysLeft });
    }
  }
  out.rows.sort((a, b) => (a.validUntil ?? '').localeCompare(b.validUntil ?? '') || a.holderName.localeCompare(b.holderName));
  return out;
}

export interface WelderRow { workerId: string; name: string; workshopId: string; process: string; lastUse: Date; status: WelderStatus }
export interface ContinuityFigures {
  welders: number;
  /** Welder × process pairs not lapsed ÷ all pairs; null (no basis) when there are no pairs. */
  compliance: Ratio;
  warn: number;
  lapsed: number;
  /** Welders with neither a logged use nor a continuity certificate. */
  nothingLogged: number;
  rows: WelderRow[];
}

/**
 * Welder continuity at `asOf`: welders = the scope's workers with the trade welding. Pairs = each
 * process a welder has logged (up to `asOf`) or holds a continuity/periodic certificate for (not
 * revoked); last use = the latest entry, or the certificate's issue date when later. A pair complies
 * unless lapsed (six months after the last use, continuity module's rule).
 */
export function continuityFigures(data: ReportData, workers: readonly RWorker[], asOf: Date): ContinuityFigures {
  const welders = workers.filter((w) => w.trades.includes('welding'));
  const ids = new Set(welders.map((w) => w.id));
  // The same chain as the continuity pages: from the latest certification (or the first use), a gap of
  // over six months ends it, and later uses do not revive it.
  const uses: { workerId: string; process: string; date: Date }[] = [];
  for (const id of ids) for (const e of data.evidence.get(id) ?? []) uses.push({ workerId: id, process: e.process, date: e.date });
  const certs: { workerId: string; process: string; date: Date }[] = [];
  for (const c of data.certificates) {
    if (!ids.has(c.workerId) || !c.validity.process || (c.validity.kind !== 'continuity' && c.validity.kind !== 'periodic')) continue;
    if (c.revokedAt && c.revokedAt.getTime() <= asOf.getTime()) continue;
    certs.push({ workerId: c.workerId, process: c.validity.process, date: c.issueDate });
  }
  const chains = continuityFrom(uses, certs, new Date(asOf.getTime() - 1));
  const last = new Map<string, Map<string, Date>>();
  for (const [workerId, m] of chains) last.set(workerId, new Map([...m].map(([process, c]) => [process, c.lastUse])));
  const rows: WelderRow[] = [];
  for (const w of welders) {
    for (const [process, lastUse] of last.get(w.id) ?? []) rows.push({ workerId: w.id, name: w.name, workshopId: w.workshopId, process, lastUse, status: welderStatus(lastUse, asOf) });
  }
  rows.sort((a, b) => a.lastUse.getTime() - b.lastUse.getTime() || a.name.localeCompare(b.name));
  const lapsed = rows.filter((r) => r.status === 'lapsed').length;
  return {
    welders: welders.length,
    compliance: ratio(rows.length - lapsed, rows.length),
    warn: rows.filter((r) => r.status === 'warn').length,
    lapsed,
    nothingLogged: welders.filter((w) => !last.has(w.id)).length,
    rows,
  };
}

export interface TrendRow {
  bucket: string;
  workersTrained: number;
  personHours: number;
  attendancePct: number | null;
  meanGain: number | null;
  certifiedPct: number | null;
  /** Days of the bucket counted, and whether that is less than the whole month or quarter. */
  days: number;
  partial: boolean;
}

/** Per month or quarter of the period: training figures, mean gain and the certified share at its end. */
export function trends(data: ReportData, scope: Scope, by: 'month' | 'quarter', gains: readonly GainRow[]): TrendRow[] {
  const { months, quarters } = periodBuckets(data.period);
  const buckets = by === 'month' ? months : quarters;
  const gainBy = new Map(rollupGains(gains, by).map((g) => [g.key, g]));
  const workers = population(data, scope);
  return buckets.map((bucket) => {
    const start = bucketStart(bucket);
    const from = new Date(Math.max(start.getTime(), data.period.from.getTime()));
    const end = bucketEnd(bucket, data.period.to);
    const t = trainingFigures(data, scope, from, end);
    const asOf = new Date(Math.min(end.getTime(), data.period.asOf.getTime()));
    const future = from.getTime() > data.now.getTime();
    const cover = bucketCoverage(bucket, data.period);
    return {
      bucket,
      workersTrained: t.workersTrained,
      personHours: t.personHours,
      attendancePct: t.attendance.pct,
      meanGain: round2(gainBy.get(bucket)?.meanGain),
      certifiedPct: future ? null : certifiedFigures(data, workers, asOf).certified.pct,
      days: cover.days,
      partial: cover.partial,
    };
  });
}

function bucketStart(bucket: string): Date {
  const q = /^(\d{4})-Q(\d)$/.exec(bucket);
  const month = q ? `${q[1]}-${String(Number(q[2]) * 3 - 2).padStart(2, '0')}` : bucket;
  return new Date(`${month}-01T00:00:00+07:00`);
}

/**
 * One component of the index for one workshop: its percentage, the people it rests on (`n`) of the
 * workshop's workers, and whether that is enough (`n ≥ MIN_INDEX_N`). A component without enough
 * people is shown as "not enough data", never as 0 or 100, and is left out of the index.
 */
export interface IndexComponent { pct: number | null; n: number; enough: boolean }

export interface IndexRow {
  workshopId: string;
  name: string;
  workers: number;
  coverage: IndexComponent;
  certified: IndexComponent;
  recency: IndexComponent;
  /** Mean of the components with enough data (0–100, not a percentage); null when none has. */
  index: number | null;
  /** Among workshops with an index, highest first; null without an index. */
  rank: number | null;
  /** The index of the period of equal length just before, and the change since (index points). */
  previous: number | null;
  change: number | null;
}

/** Recency of training: workers who attended a meeting in the 12 months before `asOf` ÷ workers. */
export const RECENCY_DAYS = 365;

/**
 * Fewer people than this behind a component and it is "not enough data": with 4 people one person
 * moves the component by 25 points (with 1, by 100 — "0 of 1" swung the index by 33); 5 is also the
 * smallest cell commonly published, so a figure never singles out one or two people.
 */
export const MIN_INDEX_N = 5;

const component = (r: Ratio, n: number): IndexComponent => ({ pct: r.pct, n, enough: n >= MIN_INDEX_N && r.pct !== null });

/**
 * The index of each workshop with active workers (of the trade) as of `asOf`: the mean of the
 * components with enough people (MIN_INDEX_N) — coverage (n = workers with a job profile),
 * certified (n = workers whose profile has a core scheme), recency (n = workers). A component
 * without enough people (a trade with no scheme has n = 0) is left out, not counted as 0.
 */
function indexAt(data: ReportData, trade: string | null, asOf: Date): Omit<IndexRow, 'rank' | 'previous' | 'change'>[] {
  const recentFrom = new Date(asOf.getTime() - RECENCY_DAYS * DAY_MS);
  const meetings = new Map(countedMeetings(data, { workshopId: null, trade: null }).map((m) => [m.id, m]));
  const recent = new Set(
    data.attendance
      .filter((r) => {
        const m = meetings.get(r.meetingId);
        return m && (r.status === 'present' || r.status === 'late') && m.start.getTime() >= recentFrom.getTime() && m.start.getTime() < asOf.getTime();
      })
      .map((r) => r.workerId),
  );
  const rows: Omit<IndexRow, 'rank' | 'previous' | 'change'>[] = [];
  for (const ws of data.workshops) {
    const workers = population(data, { workshopId: ws.id, trade });
    if (workers.length === 0) continue;
    const cov = coverageFigures(data, workers, asOf);
    const cert = certifiedFigures(data, workers, asOf).certified;
    const coverage = component(cov.coverage, cov.workersWithProfile);
    const certified = component(cert, cert.den);
    const recency = component(ratio(workers.filter((w) => recent.has(w.id)).length, workers.length), workers.length);
    const used = [coverage, certified, recency].filter((c) => c.enough).map((c) => c.pct!);
    const index = used.length ? Math.round((used.reduce((a, b) => a + b, 0) / used.length) * 10) / 10 : null;
    rows.push({ workshopId: ws.id, name: ws.name, workers: workers.length, coverage, certified, recency, index });
  }
  return rows;
}

/**
 * The competitiveness index of every workshop with active workers (of the trade), as of the period's
 * reference date, with the change against the period of equal length before (its index as of that
 * period's end). Ranked from the highest among workshops with an index (ties share a rank, then by
 * name); workshops without one follow, unranked. 0–100.
 */
export function competitiveness(data: ReportData, trade: string | null): IndexRow[] {
  const before = new Map(indexAt(data, trade, previousPeriod(data.period).asOf).map((r) => [r.workshopId, r.index]));
  const rows: IndexRow[] = indexAt(data, trade, data.period.asOf).map((r) => {
    const previous = before.get(r.workshopId) ?? null;
    return { ...r, rank: null, previous, change: r.index !== null && previous !== null ? Math.round((r.index - previous) * 10) / 10 : null };
  });
  rows.sort((a, b) => (b.index ?? -1) - (a.index ?? -1) || a.name.localeCompare(b.name, 'id'));
  rows.forEach((r, i) => {
    if (r.index === null) return;
    // Equal indexes share a rank (1, 2, 2, 4).
    r.rank = i > 0 && rows[i - 1]!.index === r.index ? rows[i - 1]!.rank : i + 1;
  });
  return rows;
}

/** The median index across the workshops that have one (LIK Takaru's middle); null when none has. */
export function indexMedian(rows: readonly Pick<IndexRow, 'index'>[]): number | null {
  const xs = rows.map((r) => r.index).filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return Math.round((xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2) * 10) / 10;
}

export interface Report {
  scope: Scope;
  period: Period;
  workers: number;
  training: TrainingFigures;
  certified: CertifiedFigures;
  coverage: CoverageFigures;
  gainsByCourse: GainRollup[];
  gainsByTrade: GainRollup[];
  meanGain: GainRollup | null;
  certificates: CertificateFigures;
  continuity: ContinuityFigures;
  months: TrendRow[];
  quarters: TrendRow[];
  index: IndexRow[];
  /** The median of `index` across workshops with an index. */
  indexMedian: number | null;
}

/** Every figure of the dashboard for one scope. The index ranks all workshops (the caller hides names). */
export function buildReport(data: ReportData, scope: Scope): Report {
  const p = data.period;
  const workers = population(data, scope);
  const gains = gainRowsOf(data, scope, p.from, p.to);
  const all = rollupGains(gains.map((g) => ({ ...g, trade: '*' })), 'trade')[0] ?? null;
  // The same for every workshop of a trade: computed once per data and trade (a snapshot build asks it per scope).
  const index = cached(data, `index:${scope.trade ?? '*'}`, () => competitiveness(data, scope.trade));
  return {
    scope,
    period: p,
    workers: workers.length,
    training: trainingFigures(data, scope, p.from, p.to),
    certified: certifiedFigures(data, workers, p.asOf),
    coverage: coverageFigures(data, workers, p.asOf),
    gainsByCourse: rollupGains(gains, 'course'),
    gainsByTrade: rollupGains(gains, 'trade'),
    meanGain: all,
    certificates: certificateFigures(data, workers, scope, p.asOf),
    continuity: continuityFigures(data, workers, p.asOf),
    months: trends(data, scope, 'month', gains),
    quarters: trends(data, scope, 'quarter', gains),
    index,
    indexMedian: indexMedian(index),
  };
}

export { periodOf };
