import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { AppError, isDuplicateKeyError, NotFoundError, type ErrorKind } from '../../platform/errors';
import { Enrollment } from '../scheduling';
import { Worker } from '../workers';
import { Attendance, type AttendanceStatus } from './attendance.model';
import { checkinTiming, checkinWindow, type CheckinTiming } from './attendance.rules';
import { loadMeetingByToken, type MeetingContext } from './attendance.context';

export const CHECKIN_REFUSALS = {
  unknown_token: 'not_found',
  no_worker: 'forbidden',
  not_enrolled: 'forbidden',
  waitlisted: 'forbidden',
  meeting_cancelled: 'conflict',
  too_early: 'conflict',
  closed: 'conflict',
} as const satisfies Record<string, ErrorKind>;
export type CheckinRefusal = keyof typeof CHECKIN_REFUSALS;

/**
 * Why a check-in was refused: `reason` names a message `attendance:checkin.refused.<reason>`;
 * `at` is when the window opens (too_early) or closed (closed). Who, not when → forbidden (403);
 * when, not who → conflict (409); an unknown token → not found (404).
 */
export class CheckinRefusedError extends AppError {
  constructor(
    readonly reason: CheckinRefusal,
    readonly at?: Date,
  ) {
    super(CHECKIN_REFUSALS[reason], `checkin_${reason}`);
  }
}

export interface CheckinRecord {
  status: AttendanceStatus;
  via: 'manual' | 'qr';
  at: Date;
}

export interface CheckinPage extends MeetingContext {
  opens: Date;
  closes: Date;
  /** What a scan now would mean (before any refusal for who is scanning). */
  timing: CheckinTiming;
  /** What is already recorded for the actor (when the actor is a worker). */
  record: CheckinRecord | null;
}

export interface CheckinResult {
  /** `recorded`: this scan wrote the record; `already`: an earlier one is kept. */
  outcome: 'recorded' | 'already';
  record: CheckinRecord;
}

async function meetingFor(token: string): Promise<MeetingContext> {
  try {
    return await loadMeetingByToken(token);
  } catch (err) {
    if (err instanceof NotFoundError) throw new CheckinRefusedError('unknown_token');
    throw err;
  }
}

async function recordOf(meetingId: string, workerId: string): Promise<CheckinRecord | null> {
  const r = await Attendance.findOne({ meeting: meetingId, worker: workerId }, { status: 1, via: 1, recordedAt: 1, createdAt: 1 }).lean();
  return r ? { status: r.status, via: r.via, at: r.recordedAt ?? r.createdAt } : null;
}

/**
 * QR check-in: the instructor shows the meeting's code; a signed-in worker who scans it during the
 * window (30 minutes before the start until the end) is marked present, or late after 15 minutes.
 */
export class CheckinService {
  constructor(private readonly deps: { clock: Clock }) {}

  /** The check-in page (GET: never writes). CheckinRefusedError('unknown_token') for an unknown token. */
  async getCheckin(actor: Actor, token: string): Promise<CheckinPage> {
    const ctx = await meetingFor(token);
    const worker = await Worker.findOne({ user: actor.id }, { _id: 1 }).lean();
    const record = worker ? await recordOf(ctx.meeting.id, String(worker._id)) : null;
    return { ...ctx, ...checkinWindow(ctx.meeting), timing: checkinTiming(ctx.meeting, this.deps.clock.now()), record };
  }

  /**
   * Marks the actor's worker present (or late) at the meeting, `via: 'qr'`. Idempotent: when a
   * record exists — an earlier scan, or the instructor's register — it is kept and returned with
   * outcome `already`. Refusals (CheckinRefusedError), checked in this order: unknown token,
   * cancelled meeting, no worker record for the account, not enrolled (or only wait-listed),
   * outside the window.
   */
  async checkIn(actor: Actor, token: string): Promise<CheckinResult> {
    const ctx = await meetingFor(token);
    if (ctx.meeting.cancelled || ctx.session.cancelled) throw new CheckinRefusedError('meeting_cancelled');
    const worker = await Worker.findOne({ user: actor.id }, { _id: 1 }).lean();
    if (!worker) throw new CheckinRefusedError('no_worker');
    const workerId = String(worker._id);
    const enrolment = await Enrollment.findOne({ session: ctx.meeting.sessionId, worker: workerId }, { status: 1 }).lean();
    if (enrolment?.status === 'waitlisted') throw new CheckinRefusedError('waitlisted');
    if (enrolment?.status !== 'enrolled') throw new CheckinRefusedError('not_enrolled');

    const earlier = await recordOf(ctx.meeting.id, workerId);
    if (earlier) return { outcome: 'already', record: earlier };

    const now = this.deps.clock.now();
    const timing = checkinTiming(ctx.meeting, now);
    const window = checkinWindow(ctx.meeting);
    if (timing === 'too_early') throw new CheckinRefusedError('too_early', window.opens);
    if (timing === 'closed') throw new CheckinRefusedError('closed', window.closes);

    try {
      await Attendance.create({
        meeting: ctx.meeting.id,
        session: ctx.meeting.sessionId,
        worker: workerId,
        status: timing,
        via: 'qr',
        recordedBy: actor.id,
        recordedAt: now,
      });
    } catch (err) {
      // Two scans at once: the unique (meeting, worker) index lets one insert win; the other reads it.
      if (!isDuplicateKeyError(err)) throw err;
      const winner = await recordOf(ctx.meeting.id, workerId);
      if (!winner) throw err;
      return { outcome: 'already', record: winner };
    }
    return { outcome: 'recorded', record: { status: timing, via: 'qr', at: now } };
  }
}
