import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { meetingsOfSession, meetingState, type MeetingState } from '../scheduling';
import type { AttendanceStatus } from './attendance.model';
import { sessionAttendance } from './attendance.read-model';
import { summariseWorker, type SummaryMeeting, type WorkerAttendance } from './attendance.rules';
import { assertTeaches, enrolledWorkers, isObjectId, loadSession, type SessionInfo } from './attendance.context';

export interface AttendanceSummaryRow extends WorkerAttendance {
  workerId: string;
  name: string;
  workshop: string;
  /** The course's completion rule at the time of computing, in percent. */
  minAttendancePct: number;
}

export interface MeetingAttendance {
  id: string;
  start: Date;
  end: Date;
  cancelled: boolean;
  /** Started (start ≤ now) and not cancelled. */
  held: boolean;
  state: MeetingState;
  /** Records per status, counting enrolled workers only. */
  counts: Record<AttendanceStatus, number>;
}

export interface SessionAttendance {
  session: SessionInfo;
  meetings: MeetingAttendance[];
  rows: AttendanceSummaryRow[];
}

interface Loaded {
  session: SessionInfo;
  meetings: { id: string; start: Date; end: Date; cancelled: boolean }[];
  records: { meeting: string; worker: string; status: AttendanceStatus }[];
  workers: Awaited<ReturnType<typeof enrolledWorkers>>;
}

async function load(sessionId: string): Promise<Loaded> {
  const session = await loadSession(sessionId);
  // Meetings, records and roster from their read models (reads by `_id`): no scan of attendance.
  const [meetings, stored, workers] = await Promise.all([meetingsOfSession(session.id), sessionAttendance.get(session.id), enrolledWorkers(session.id)]);
  return {
    session,
    meetings: meetings.map((m) => ({ id: m.id, start: m.start, end: m.end, cancelled: m.cancelled })),
    records: stored.records.map((r) => ({ meeting: r.meeting, worker: r.worker, status: r.status })),
    workers,
  };
}

function rowsOf(data: Loaded, now: Date): AttendanceSummaryRow[] {
  const counted: SummaryMeeting[] = data.meetings.filter((m) => !m.cancelled);
  const byWorker = new Map<string, Map<string, AttendanceStatus>>();
  for (const r of data.records) {
    let m = byWorker.get(r.worker);
    if (!m) byWorker.set(r.worker, (m = new Map()));
    m.set(r.meeting, r.status);
  }
  const minPct = data.session.course.minAttendancePct;
  return data.workers.map((w) => ({
    workerId: w.id,
    name: w.name,
    workshop: w.workshop,
    minAttendancePct: minPct,
    ...summariseWorker(counted, byWorker.get(w.id) ?? new Map(), minPct, now),
  }));
}

/**
 * Attendance rate per enrolled worker of a session, and completion by the course's rule
 * (`minAttendancePct`): see README.md. Computed in TypeScript from the session's read models
 * (meetings, attendance, roster; no $lookup or $avg on FerretDB). NotFoundError for an unknown session.
 */
export async function attendanceSummary(sessionId: string, now: Date): Promise<AttendanceSummaryRow[]> {
  return rowsOf(await load(sessionId), now);
}

/** One worker's row of `attendanceSummary`, or null when the worker holds no place (status enrolled) in the session. */
export async function completionFor(sessionId: string, workerId: string, now: Date): Promise<AttendanceSummaryRow | null> {
  if (!isObjectId(workerId)) return null;
  const rows = await attendanceSummary(sessionId, now);
  return rows.find((r) => r.workerId === workerId) ?? null;
}

/** The session's attendance page: for coordinators, admins and the session's instructors. */
export class AttendanceSummaryService {
  constructor(private readonly deps: { clock: Clock }) {}

  attendanceSummary(sessionId: string): Promise<AttendanceSummaryRow[]> {
    return attendanceSummary(sessionId, this.deps.clock.now());
  }

  completionFor(sessionId: string, workerId: string): Promise<AttendanceSummaryRow | null> {
    return completionFor(sessionId, workerId, this.deps.clock.now());
  }

  /** Meetings with their counts and the per-worker summary. ForbiddenError for others than the session's teachers. */
  async getSessionAttendance(actor: Actor, sessionId: string): Promise<SessionAttendance> {
    const session = await loadSession(sessionId);
    await assertTeaches(actor, session.instructorIds);
    const data = await load(sessionId);
    const now = this.deps.clock.now();
    const enrolled = new Set(data.workers.map((w) => w.id));
    const meetings = data.meetings.map((m) => {
      const counts: Record<AttendanceStatus, number> = { present: 0, late: 0, absent: 0, excused: 0 };
      for (const r of data.records) if (r.meeting === m.id && enrolled.has(r.worker)) counts[r.status]++;
      return { ...m, held: !m.cancelled && m.start.getTime() <= now.getTime(), state: meetingState(m, now), counts };
    });
    return { session: data.session, meetings, rows: rowsOf(data, now) };
  }
}
