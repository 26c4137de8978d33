import type { Types } from 'mongoose';
import { hasRole, type Actor } from '../../platform/actor';
import { findInstructorIdByUser } from '../catalogue/catalogue.cache';
import { cachedWorkers } from '../workers/workers.cache';
import { displayName } from '../workshops/workshop.model';
import { cachedWorkshops } from '../workshops/workshops.cache';
import { sessionRoster, type EnrolmentEntry } from './enrolment-read-models';
import { canSeeOverrideReason, sessionPeopleScope, type PeopleScope } from './scheduling.policy';

export interface SessionPerson {
  enrollmentId: string;
  workerId: string;
  name: string;
  workshop: string;
  position: string;
  /** Empty unless the actor may see it (coordinators and admins). */
  overrideReason: string;
  requestedBy: string;
  /** 1-based place in its list (the wait-list order counts everyone, seen or not). */
  place: number;
}

export interface SessionPeople {
  peopleScope: PeopleScope['kind'];
  enrolled: SessionPerson[];
  waitlist: SessionPerson[];
  /** How many in each list the actor may not see by name. */
  hidden: { enrolled: number; waitlist: number };
  /** Coordinators, admins and the session's own instructors: registers, sign-in sheet, assessments. */
  canTeach: boolean;
}

/** Whether the actor is an instructor of the session (their Instructor record, linked by `user`). */
export async function teachesSession(actor: Actor, instructorIds: readonly (Types.ObjectId | string)[]): Promise<boolean> {
  if (!hasRole(actor, 'instructor') || instructorIds.length === 0) return false;
  const me = await findInstructorIdByUser(actor.id);
  return !!me && instructorIds.some((i) => String(i) === me);
}

/**
 * The enrolled and wait-listed people of a session as the actor may see them (see
 * sessionPeopleScope): the others only counted. Names of people outside the scope are never read,
 * so a view cannot show them by mistake.
 */
export async function sessionPeople(actor: Actor, session: { _id: Types.ObjectId; instructors: readonly Types.ObjectId[] }): Promise<SessionPeople> {
  const teaches = await teachesSession(actor, session.instructors);
  const scope = sessionPeopleScope(actor, teaches);
  const canTeach = hasRole(actor, 'coordinator', 'admin') || teaches;
  // The roster is in wait-list order already (one read by `_id`).
  const enrollments = (await sessionRoster.get(String(session._id))).enrolments.filter((e) => e.status !== 'cancelled');
  const lists = {
    enrolled: enrollments.filter((e) => e.status === 'enrolled'),
    waitlist: enrollments.filter((e) => e.status === 'waitlisted'),
  };
  if (scope.kind === 'none') {
    return { peopleScope: scope.kind, enrolled: [], waitlist: [], hidden: { enrolled: lists.enrolled.length, waitlist: lists.waitlist.length }, canTeach };
  }

  // From the workers held in memory (workers.cache.ts): `_id: {$in}` would scan every worker on FerretDB.
  const workers = [...(await cachedWorkers.pick(enrollments.map((e) => e.worker))).values()];
  const visible = new Map(workers.filter((w) => scope.kind === 'all' || String(w.workshop) === scope.workshopId).map((w) => [String(w._id), w]));
  // The workshops held in memory too (workshops.cache.ts; `_id: {$in}` would scan every workshop).
  const workshopIds = [...new Set([...visible.values()].map((w) => String(w.workshop)))];
  const workshopName = new Map([...(await cachedWorkshops.pick(workshopIds))].map(([id, w]) => [id, displayName(w)]));
  const showReason = canSeeOverrideReason(actor);

  const shown = (list: EnrolmentEntry[]): SessionPerson[] =>
    list.flatMap((e, i) => {
      const w = visible.get(String(e.worker));
      if (!w) return [];
      return [{
        enrollmentId: e.id,
        workerId: e.worker,
        name: w.name ?? '',
        workshop: workshopName.get(String(w.workshop)) ?? '',
        position: w.position ?? '',
        overrideReason: showReason ? e.overrideReason : '',
        requestedBy: e.requestedBy ?? '',
        place: i + 1,
      }];
    });
  const enrolled = shown(lists.enrolled);
  const waitlist = shown(lists.waitlist);
  return {
    peopleScope: scope.kind,
    enrolled,
    waitlist,
    hidden: { enrolled: lists.enrolled.length - enrolled.length, waitlist: lists.waitlist.length - waitlist.length },
    canTeach,
  };
}
