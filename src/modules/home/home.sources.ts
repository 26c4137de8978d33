import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Language } from '../../platform/i18n';
import { NotFoundError } from '../../platform/errors';
import { sessionPosts } from '../assessments';
import { sessionAttendance } from '../attendance';
import { loadMeetingRows, type MeetingRow, type ScheduleService } from '../calendar';
import { cachedCourses, findInstructorIdByUser, localized, type CachedCourse } from '../catalogue';
import { Certificate, statesOf, type CertificateRow, type CertificatesService, type CertificateState } from '../certificates';
import { openClassesForUnits, type GapClass, type MySkill, type MySkillsService } from '../competencies';
import type { InboxItem, NotificationsModule, NotificationsService } from '../notifications';
import type { ReportSnapshots, Report } from '../reports';
import { openSessionsAfter, sessionRoster, sessionsByStart } from '../scheduling';

/**
 * Every read the home pages make, one small function each, so a read model (`worker-enrolments`,
 * `session-meetings`, `week-meetings`, notifications unread…) can replace one without touching the
 * pages. Each says how many database commands it sends (see README.md); none returns an unbounded
 * list.
 */
export interface HomeSources {
  now(): Date;
  /** The actor's own meetings (attending and teaching) starting in [from, to). ≤ 7 commands. */
  meetingsOfUser(actor: Actor, from: Date, to: Date, lng: Language): Promise<(MeetingRow & { as: 'attending' | 'teaching' })[]>;
  /** Every meeting starting in [from, to) (optionally of one instructor). 5 commands. */
  meetingsBetween(from: Date, to: Date, lng: Language, instructorId?: string): Promise<MeetingRow[]>;
  /** Of these meetings, those with at least one attendance record. One read by `_id` per session of theirs. */
  meetingsWithAttendance(meetings: readonly { id: string; sessionId: string }[]): Promise<Set<string>>;
  /** The instructor record linked to the account. 1 command. */
  instructorIdOf(userId: string): Promise<string | null>;
  /** The newest unread notices of the actor (from the inbox's first page). ≤ 3 commands. */
  unreadNotices(actor: Actor, limit: number): Promise<InboxItem[]>;
  /** The worker's own certificates with their state; [] without a worker record. ≤ 4 commands. */
  myCertificates(actor: Actor): Promise<CertificateRow[]>;
  /** The units where the worker is below their job profile. ≤ 6 commands. */
  mySkillGaps(actor: Actor, lng: Language): Promise<MySkill[]>;
  /** The soonest open class per unit. 2 commands. */
  openClassesForUnits(unitIds: readonly string[], lng: Language): Promise<Map<string, GapClass>>;
  /** Ended sessions taught by the instructor whose post-assessments are incomplete. 4 commands. */
  assessmentsToRecord(instructorId: string, lng: Language, limit: number): Promise<{ items: AssessmentTodo[]; total: number }>;
  /** Open classes not started at ≥ 80 % of capacity or with a wait-list. 3 commands + one roster read per such class. */
  classesFillingUp(lng: Language, limit: number): Promise<{ items: FillingClass[]; total: number }>;
  /** Certificates in force whose last day is at most `days` away (renewed ones left out). ≤ 2 commands. */
  certificatesExpiringWithin(days: number, limit: number): Promise<{ items: ExpiringCertificate[]; total: number }>;
  /** People no notice can reach by email (first page of the unreachable list). 5 commands. */
  unreachable(actor: Actor): ReturnType<NotificationsModule['unreachable']['list']>;
  /** Today's report snapshot of a workshop for the default period, or null. 3 commands (by `_id`). */
  workshopSnapshot(workshopId: string): Promise<{ report: Report; builtAt: Date; fresh: boolean } | null>;
}

export interface AssessmentTodo {
  sessionId: string;
  courseCode: string;
  courseTitle: string;
  lastEnd: Date;
  recorded: number;
  expected: number;
}

export interface FillingClass {
  sessionId: string;
  courseCode: string;
  courseTitle: string;
  firstStart: Date | null;
  capacity: number;
  taken: number;
  waiting: number;
}

export interface ExpiringCertificate {
  id: string;
  number: string;
  holderName: string;
  schemeName: string;
  state: CertificateState;
}

/** A class counts as filling up from this share of its capacity. */
export const FILLING_SHARE = 0.8;
/** Ended sessions looked at for assessments still to record. */
const ASSESS_LOOKBACK_DAYS = 60;
const ASSESS_SESSIONS_READ = 10;
const DAY_MS = 86_400_000;

const ids = (xs: readonly unknown[]) => [...new Set(xs.map(String))];

/**
 * Workers enrolled now, and post-assessments recorded (one per worker and unit) by them, per session: each
 * session's roster and its `session-posts` document (two point reads per class) — not a filter on
 * assessments, which FerretDB answers by decoding them all, nor every worker's whole history.
 */
async function postAssessmentsBySession(sessionIds: readonly unknown[]): Promise<{ enrolled: Map<string, number>; posts: Map<string, number> }> {
  const rosters = await sessionRoster.getMany(sessionIds.map(String));
  const enrolledIn = new Map([...rosters].map(([k, r]) => [k, new Set(r.enrolments.filter((e) => e.status === 'enrolled').map((e) => e.worker))]));
  // Each class's recorded posts (one read model document per class), counted for the enrolled only.
  const recorded = await sessionPosts.getMany(sessionIds.map(String));
  const posts = new Map([...recorded].map(([k, d]) => [k, d.posts.filter((p) => enrolledIn.get(k)?.has(p.slice(0, p.indexOf(':')))).length]));
  return { enrolled: new Map([...enrolledIn].map(([k, v]) => [k, v.size])), posts };
}

/** The sources as they are today: the other modules' own services and functions. */
export function homeSources(deps: {
  clock: Clock;
  schedule: ScheduleService;
  notifications: NotificationsService;
  certificates: CertificatesService;
  mySkills: MySkillsService;
  unreachable: NotificationsModule['unreachable'];
  snapshots: ReportSnapshots;
}): HomeSources {
  const now = () => deps.clock.now();
  return {
    now,
    meetingsOfUser: (actor, from, to, lng) => deps.schedule.meetingsForUser(actor, from, to, lng),
    meetingsBetween: (from, to, lng, instructorId) => loadMeetingRows({ from, to, ...(instructorId ? { instructor: instructorId } : {}) }, lng),
    async meetingsWithAttendance(meetings) {
      if (meetings.length === 0) return new Set();
      // Each session's attendance read model (point reads in parallel), not an aggregate over every record.
      const stored = await sessionAttendance.getMany(ids(meetings.map((m) => m.sessionId)));
      const wanted = new Set(meetings.map((m) => m.id));
      const recorded = new Set<string>();
      for (const doc of stored.values()) for (const r of doc.records) if (wanted.has(r.meeting)) recorded.add(r.meeting);
      return recorded;
    },
    instructorIdOf: (userId) => findInstructorIdByUser(userId),
    unreadNotices: (actor, limit) => deps.notifications.latestUnread(actor, limit),
    async myCertificates(actor) {
      try {
        return await deps.certificates.myCertificates(actor);
      } catch (err) {
        if (err instanceof NotFoundError) return [];
        throw err;
      }
    },
    async mySkillGaps(actor, lng) {
      const skills = await deps.mySkills.mySkills(actor, lng);
      return skills.required.filter((s) => s.gap > 0);
    },
    openClassesForUnits: (unitIds, lng) => openClassesForUnits(unitIds, now(), lng),
    async assessmentsToRecord(instructorId, lng, limit) {
      const t = now().getTime();
      const from = t - ASSESS_LOOKBACK_DAYS * DAY_MS;
      // From the sessions held in memory (scheduling's cache), newest end first (then id), not a filter
      // FerretDB answers by decoding every session.
      const sessions = (await sessionsByStart())
        .filter((s) => s.state !== 'cancelled' && !!s.lastEnd && s.lastEnd.getTime() <= t && s.lastEnd.getTime() >= from && s.instructors.some((i) => String(i) === instructorId))
        .sort((a, b) => b.lastEnd!.getTime() - a.lastEnd!.getTime() || (String(a._id) < String(b._id) ? 1 : String(a._id) > String(b._id) ? -1 : 0))
        .slice(0, ASSESS_SESSIONS_READ);
      if (sessions.length === 0) return { items: [], total: 0 };
      const sessionIds = sessions.map((s) => s._id);
      // The courses from the catalogue held in memory.
      const [courseById, { enrolled, posts }] = await Promise.all([cachedCourses.pick(ids(sessions.map((s) => s.course))), postAssessmentsBySession(sessionIds)]);
      const todo = sessions.flatMap((s) => {
        const course = courseById.get(String(s.course));
        const expected = (enrolled.get(String(s._id)) ?? 0) * (course?.units?.length ?? 0);
        const recorded = posts.get(String(s._id)) ?? 0;
        if (!course || expected === 0 || recorded >= expected) return [];
        return [{ sessionId: String(s._id), courseCode: course.code, courseTitle: localized(course.title, lng), lastEnd: s.lastEnd!, recorded, expected }];
      });
      return { items: todo.slice(0, limit), total: todo.length };
    },
    async classesFillingUp(lng, limit) {
      // Not started: seats can still be taken and the wait-list still moves.
      // From the sessions held in memory (scheduling's cache), not a filter FerretDB answers by decoding them all.
      const sessions = await openSessionsAfter(now());
      if (sessions.length === 0) return { items: [], total: 0 };
      const sessionIds = sessions.map((s) => s._id);
      // Seats taken and wait-list from each class's roster (point reads), not an aggregate over seats.
      const rosters = await sessionRoster.getMany(sessionIds.map(String));
      const countOf = (status: 'enrolled' | 'waitlisted') => new Map([...rosters].map(([k, r]) => [k, r.enrolments.filter((e) => e.status === status).length]));
      const [taken, waiting] = [countOf('enrolled'), countOf('waitlisted')];
      const filling = sessions
        .map((s) => ({ s, taken: taken.get(String(s._id)) ?? 0, waiting: waiting.get(String(s._id)) ?? 0 }))
        .filter((x) => x.waiting > 0 || x.taken >= x.s.capacity * FILLING_SHARE)
        .sort((a, b) => (a.s.firstStart?.getTime() ?? Infinity) - (b.s.firstStart?.getTime() ?? Infinity));
      const shown = filling.slice(0, limit);
      const courseById = shown.length ? await cachedCourses.all() : new Map<string, CachedCourse>();
      return {
        items: shown.map((x) => {
          const c = courseById.get(String(x.s.course));
          return { sessionId: String(x.s._id), courseCode: c?.code ?? '', courseTitle: localized(c?.title, lng), firstStart: x.s.firstStart ?? null, capacity: x.s.capacity, taken: x.taken, waiting: x.waiting };
        }),
        total: filling.length,
      };
    },
    async certificatesExpiringWithin(days, limit) {
      // Filtered here: FerretDB scans the collection for any filter but `_id` anyway.
      const certs = (
        await Certificate.find({}, { worker: 1, number: 1, holderName: 1, schemeName: 1, issueDate: 1, validity: 1, revokedAt: 1, renewedBy: 1 }).lean()
      ).filter((c) => !c.revokedAt && !c.renewedBy);
      const states = await statesOf(certs as unknown as Parameters<typeof statesOf>[0], now());
      const soon = certs
        .map((c, i) => ({ c, s: states[i]! }))
        .filter((x) => x.s.status === 'expiring' && x.s.daysLeft !== null && x.s.daysLeft <= days)
        .sort((a, b) => a.s.daysLeft! - b.s.daysLeft! || String(a.c._id).localeCompare(String(b.c._id)));
      return {
        items: soon.slice(0, limit).map((x) => ({ id: String(x.c._id), number: x.c.number ?? '', holderName: x.c.holderName ?? '', schemeName: x.c.schemeName ?? '', state: x.s })),
        total: soon.length,
      };
    },
    unreachable: (actor) => deps.unreachable.list(actor, { page: 1 }),
    async workshopSnapshot(workshopId) {
      const snap = await deps.snapshots.lookup('12m', { workshopId, trade: null });
      return snap ? { report: snap.report, builtAt: snap.builtAt, fresh: snap.fresh } : null;
    },
  };
}
