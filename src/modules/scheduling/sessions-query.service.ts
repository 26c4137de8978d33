import { Types } from 'mongoose';
import { hasRole, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import { cachedCourses, cachedInstructors, cachedRooms } from '../catalogue/catalogue.cache';
import { findWorkerIdByUser } from '../workers/workers.lookup';
import { sessionRoster, waitlistPlace, workerEnrolments } from './enrolment-read-models';
import { meetingsOfSession } from './meeting-reads';
import { courseName, describeCourses, finishedCourses, prerequisitesOf, type MissingCourse } from './prerequisites';
import { isStaff } from './scheduling.policy';
import { sessionPeople, type SessionPeople } from './session-people';
import { meetingState, sessionStatus, type SessionStatus } from './session-status';
import { sessionsByStart, openSessionsAfter } from './sessions.cache';
import { TrainingSession } from './session.model';

type Lng = 'id' | 'en';
const PAGE_SIZE = 20;
const NO_PEOPLE: SessionPeople = { peopleScope: 'none', enrolled: [], waitlist: [], hidden: { enrolled: 0, waitlist: 0 }, canTeach: false };

export interface SessionRow {
  id: string;
  courseCode: string;
  courseTitle: string;
  trade: string;
  firstStart?: Date;
  lastEnd?: Date;
  room: string;
  instructors: string;
  capacity: number;
  taken: number;
  waiting: number;
  status: SessionStatus;
}

const titleIn = (c: { title?: { id?: string | null; en?: string | null } | null } | undefined, lng: Lng) =>
  (lng === 'en' ? c?.title?.en || c?.title?.id : c?.title?.id || c?.title?.en) ?? '';

/**
 * The worker record of a worker's account. Accounts without the worker role have none to look for
 * (links are made for worker logins only): asking anyway would scan every worker on FerretDB, since
 * "no link" is not remembered.
 */
const workerOf = (actor: Actor) => (hasRole(actor, 'worker') ? findWorkerIdByUser(actor.id) : Promise.resolve(null));

/** The read side of scheduling: lists and pages, shaped for views, scoped to the actor. */
export class SessionsQuery {
  constructor(private readonly deps: { clock: Clock }) {}

  /** Sessions for staff, upcoming (default), past or all, newest relevant first. */
  async listSessions(actor: Actor, q: { when: 'upcoming' | 'past' | 'all'; course?: string; page: number }, lng: Lng) {
    if (!isStaff(actor)) throw new ForbiddenError();
    const now = this.deps.clock.now().getTime();
    // Filtered, sorted and paged in memory (sessions.cache.ts): on FerretDB a filter on sessions
    // decodes them all, so the list and its count would cost time in proportion to the history.
    const matching = (await sessionsByStart()).filter((s) => {
      if (q.course && String(s.course) !== q.course) return false;
      if (q.when === 'upcoming') return !!s.lastEnd && s.lastEnd.getTime() >= now;
      if (q.when === 'past') return !!s.lastEnd && s.lastEnd.getTime() < now;
      return true;
    });
    if (q.when === 'past') matching.reverse();
    const total = matching.length;
    const sessions = matching.slice((q.page - 1) * PAGE_SIZE, q.page * PAGE_SIZE);
    return { items: await this.rows(sessions, lng), total, page: q.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
  }

  /**
   * Open sessions a worker can ask to join (not started), with the worker's own state in each and
   * the prerequisite courses they still lack (then they cannot ask, and are told what to take first).
   */
  async listOpenSessions(actor: Actor, lng: Lng) {
    const now = this.deps.clock.now();
    const sessions = (await openSessionsAfter(now)).slice(0, 100);
    const rows = await this.rows(sessions, lng);
    const workerId = await workerOf(actor);
    const worker = workerId ? { _id: new Types.ObjectId(workerId) } : null;
    const mine = workerId ? (await workerEnrolments.get(workerId)).enrolments : [];
    const stateOf = new Map(mine.map((e) => [e.session, e.status]));
    const lacking = worker ? await this.lackingPrerequisites(worker._id, sessions, now) : new Map<string, MissingCourse[]>();
    return {
      hasWorker: !!worker,
      items: rows.map((r) => ({
        ...r,
        mine: stateOf.get(r.id) ?? null,
        requires: (lacking.get(r.id) ?? []).map((c) => ({ name: courseName(c, lng), openSessionId: c.openSessionId })),
      })),
    };
  }

  /** For each session, the prerequisite courses of its course the worker has not finished. */
  private async lackingPrerequisites(workerId: Types.ObjectId, sessions: Array<{ _id: Types.ObjectId; course: Types.ObjectId }>, now: Date) {
    const required = await prerequisitesOf(sessions.map((s) => s.course));
    const all = [...new Set([...required.values()].flat())];
    const done = await finishedCourses(workerId, all, now);
    const described = new Map((await describeCourses(all.filter((c) => !done.has(c)), now)).map((c) => [c.id, c]));
    return new Map(
      sessions.map((s) => [String(s._id), (required.get(String(s.course)) ?? []).flatMap((c) => described.get(c) ?? [])]),
    );
  }

  private async rows(sessions: Array<{ _id: Types.ObjectId; course: Types.ObjectId; room: Types.ObjectId; instructors: Types.ObjectId[]; capacity: number; state: string; firstStart?: Date | null; lastEnd?: Date | null }>, lng: Lng): Promise<SessionRow[]> {
    if (sessions.length === 0) return [];
    const ids = sessions.map((s) => s._id);
    // Names from the catalogue held in the process (an `_id: {$in}` would scan each collection on FerretDB).
    const [course, rooms, people, rosters] = await Promise.all([
      cachedCourses.all(),
      cachedRooms.all(),
      cachedInstructors.all(),
      // Seats taken and wait-list lengths from each session's roster (a point read each, in parallel),
      // not an aggregate over seats (a scan on FerretDB). Display only: seats (unique inserts) still
      // decide capacity when someone enrols.
      sessionRoster.getMany(ids.map(String)),
    ]);
    const countOf = (status: 'enrolled' | 'waitlisted') => new Map([...rosters].map(([k, r]) => [k, r.enrolments.filter((e) => e.status === status).length]));
    const taken = countOf('enrolled');
    const waiting = countOf('waitlisted');
    const room = { get: (id: string) => rooms.get(id)?.name };
    const person = { get: (id: string) => people.get(id)?.name };
    const now = this.deps.clock.now();
    return sessions.map((s) => {
      const c = course.get(String(s.course));
      const seats = taken.get(String(s._id)) ?? 0;
      return {
        id: String(s._id),
        courseCode: c?.code ?? '',
        courseTitle: titleIn(c, lng),
        trade: c?.trade ?? '',
        firstStart: s.firstStart ?? undefined,
        lastEnd: s.lastEnd ?? undefined,
        room: room.get(String(s.room)) ?? '',
        instructors: s.instructors.map((i) => person.get(String(i)) ?? '').join(', '),
        capacity: s.capacity,
        taken: seats,
        waiting: waiting.get(String(s._id)) ?? 0,
        status: sessionStatus(s, seats, now),
      };
    });
  }

  /**
   * Everything the session page shows. Staff see who is enrolled and waiting as far as their role
   * allows (see sessionPeople: managers their own workshop, instructors the classes they teach, the
   * rest as counts); a worker sees an open session or one they are in, with their own place only.
   * @throws NotFoundError, ForbiddenError
   */
  async getSessionPage(actor: Actor, id: string, lng: Lng) {
    const session = Types.ObjectId.isValid(id) ? await TrainingSession.findById(id).lean() : null;
    if (!session) throw new NotFoundError('session_not_found');
    const staff = isStaff(actor);
    const me = await workerOf(actor);
    const myEnrollment = me ? ((await workerEnrolments.get(me)).enrolments.find((e) => e.session === String(session._id)) ?? null) : null;
    if (!staff && session.state !== 'open' && !(myEnrollment && myEnrollment.status !== 'cancelled')) throw new ForbiddenError();
    const [row] = await this.rows([session], lng);
    const meetings = await meetingsOfSession(session._id);
    const people = staff ? await sessionPeople(actor, session) : NO_PEOPLE;
    let myPosition: number | null = null;
    if (myEnrollment?.status === 'waitlisted') myPosition = waitlistPlace(await sessionRoster.get(String(session._id)), myEnrollment.id) ?? 0;
    const course = (await cachedCourses.all()).get(String(session.course));
    return {
      session: { ...row!, state: session.state, cutoffHours: session.cutoffHours ?? 24, notes: session.notes ?? '', cancelReason: session.cancelReason ?? '', instructorIds: session.instructors.map(String), roomId: String(session.room), courseId: String(session.course) },
      course: { description: (lng === 'en' ? course?.description?.en || course?.description?.id : course?.description?.id || course?.description?.en) ?? '', durationHours: course?.durationHours ?? 0, minAttendancePct: course?.minAttendancePct ?? 80 },
      meetings: meetings.map((m) => ({ id: m.id, start: m.start, end: m.end, cancelled: m.cancelled, past: m.end.getTime() <= this.deps.clock.now().getTime(), state: meetingState(m, this.deps.clock.now()) })),
      ...people,
      mine: myEnrollment && myEnrollment.status !== 'cancelled' ? { id: myEnrollment.id, status: myEnrollment.status, position: myPosition } : null,
      isWorker: !!me,
      staff,
      canPlan: hasRole(actor, 'coordinator', 'admin'),
    };
  }
}
