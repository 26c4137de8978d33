import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { AppError, isDuplicateKeyError, NotFoundError, type ErrorKind } from '../../platform/errors';
import { meetingsBetween, workerEnrolments } from '../scheduling';

const HOUR_MS = 3600 * 1000;
import { Worker } from '../workers';
import { attendanceChanged } from './attendance-changes';
import { Attendance, type AttendanceStatus } from './attendance.model';
import { sessionAttendance } from './attendance.read-model';
import { checkinTiming, checkinWindow, type CheckinTiming } from './attendance.rules';
import { isObjectId, loadMeeting, type MeetingContext } from './attendance.context';
import type { CheckinCodes, QrPass } from './checkin.codes';

export const CHECKIN_REFUSALS = {
  unknown_token: 'not_found',
  expired: 'conflict',
  wrong_code: 'validation',
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
 * when, not who → conflict (409), as is a QR older than the grace step (expired); an unknown or
 * forged QR → not found (404); a typed code matching none of the worker's open meetings → 422.
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

/** The worker's record at the meeting from the session's read model (one read by `_id`, not a scan). */
async function recordOf(ctx: MeetingContext, workerId: string): Promise<CheckinRecord | null> {
  const r = (await sessionAttendance.get(ctx.meeting.sessionId)).records.find((x) => x.meeting === ctx.meeting.id && x.worker === workerId);
  return r ? { status: r.status, via: r.via, at: r.recordedAt ?? r.createdAt ?? new Date(0) } : null;
}

/** The same from the source: for the one case where the unique index has just said a record exists. */
async function sourceRecordOf(meetingId: string, workerId: string): Promise<CheckinRecord | null> {
  const r = await Attendance.findOne({ meeting: meetingId, worker: workerId }, { status: 1, via: 1, recordedAt: 1, createdAt: 1 }).lean();
  return r ? { status: r.status, via: r.via, at: r.recordedAt ?? r.createdAt } : null;
}

/**
 * QR check-in: the instructor's screen shows a QR link and a 6-digit code that change every 30
 * seconds (see checkin.codes.ts); a signed-in worker who scans or types the current one during the
 * window (30 minutes before the start until the end) is marked present, or late after 15 minutes.
 */
export class CheckinService {
  constructor(private readonly deps: { clock: Clock; codes: CheckinCodes }) {}

  /** The meeting behind a genuine QR pass, whatever its age; unknown_token otherwise. */
  private async meetingFor(pass: QrPass): Promise<MeetingContext> {
    if (!isObjectId(pass.meetingId) || !this.deps.codes.isGenuine(pass)) throw new CheckinRefusedError('unknown_token');
    try {
      return await loadMeeting(pass.meetingId);
    } catch (err) {
      if (err instanceof NotFoundError) throw new CheckinRefusedError('unknown_token');
      throw err;
    }
  }

  /**
   * The page a QR scan opens (GET: never writes). `fresh` says whether the pass is still accepted;
   * CheckinRefusedError('unknown_token') for a forged or unknown one.
   */
  async getCheckin(actor: Actor, pass: QrPass): Promise<CheckinPage & { fresh: boolean }> {
    const ctx = await this.meetingFor(pass);
    const now = this.deps.clock.now();
    const worker = await Worker.findOne({ user: actor.id }, { _id: 1 }).lean();
    const record = worker ? await recordOf(ctx, String(worker._id)) : null;
    return { ...ctx, ...checkinWindow(ctx.meeting), timing: checkinTiming(ctx.meeting, now), record, fresh: this.deps.codes.isFresh(pass, now) };
  }

  /**
   * Checks in by a scanned QR pass. Refusals first for the pass itself — unknown_token (forged),
   * expired (older than the previous step: a photo or a forwarded link) — then as `mark`.
   */
  async checkIn(actor: Actor, pass: QrPass): Promise<CheckinResult> {
    const ctx = await this.meetingFor(pass);
    if (!this.deps.codes.isFresh(pass, this.deps.clock.now())) throw new CheckinRefusedError('expired');
    return this.mark(actor, ctx);
  }

  /**
   * Checks in by the typed 6-digit code. The code alone does not name a meeting: only the
   * meetings of the worker's enrolled sessions whose window is open now are tried, so a code of
   * another class, of another day or an old one is refused as wrong_code.
   */
  async checkInWithCode(actor: Actor, code: string): Promise<CheckinResult & { meetingId: string }> {
    const worker = await Worker.findOne({ user: actor.id }, { _id: 1 }).lean();
    if (!worker) throw new CheckinRefusedError('no_worker');
    const now = this.deps.clock.now();
    // The worker's enrolments from their read model (a filter on enrolments would scan them all).
    const enrolments = (await workerEnrolments.get(String(worker._id))).enrolments.filter((e) => e.status === 'enrolled');
    if (enrolments.length === 0) throw new CheckinRefusedError('wrong_code');
    // Only meetings whose window can be open now (start up to 12 h ago, the longest meeting, or within
    // the 30 min before): the week buckets around now, read by `_id`, not a scan of all meetings.
    const sessions = new Set(enrolments.map((e) => String(e.session)));
    const around = await meetingsBetween(new Date(now.getTime() - 13 * HOUR_MS), new Date(now.getTime() + HOUR_MS));
    const open = around.filter((m) => {
      if (m.cancelled || !sessions.has(m.session)) return false;
      const t = checkinTiming(m, now);
      return t === 'present' || t === 'late';
    });
    const hit = open.find((m) => this.deps.codes.matchesCode(m.id, code, now));
    if (!hit) throw new CheckinRefusedError('wrong_code');
    const result = await this.mark(actor, await loadMeeting(hit.id));
    return { ...result, meetingId: hit.id };
  }

  /**
   * Marks the actor's worker present (or late) at the meeting, `via: 'qr'`. Idempotent: when a
   * record exists — an earlier scan, or the instructor's register — it is kept and returned with
   * outcome `already`. Refusals (CheckinRefusedError), checked in this order: cancelled meeting,
   * no worker record for the account, not enrolled (or only wait-listed), outside the window.
   */
  private async mark(actor: Actor, ctx: MeetingContext): Promise<CheckinResult> {
    if (ctx.meeting.cancelled || ctx.session.cancelled) throw new CheckinRefusedError('meeting_cancelled');
    const worker = await Worker.findOne({ user: actor.id }, { _id: 1 }).lean();
    if (!worker) throw new CheckinRefusedError('no_worker');
    const workerId = String(worker._id);
    const enrolment = (await workerEnrolments.get(workerId)).enrolments.find((e) => e.session === String(ctx.meeting.sessionId));
    if (enrolment?.status === 'waitlisted') throw new CheckinRefusedError('waitlisted');
    if (enrolment?.status !== 'enrolled') throw new CheckinRefusedError('not_enrolled');

    // A shortcut only: the insert under the unique (meeting, worker) index below is what decides.
    const earlier = await recordOf(ctx, workerId);
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
      const winner = await sourceRecordOf(ctx.meeting.id, workerId);
      if (!winner) throw err;
      return { outcome: 'already', record: winner };
    }
    await attendanceChanged({ sessions: [ctx.meeting.sessionId] });
    return { outcome: 'recorded', record: { status: timing, via: 'qr', at: now } };
  }
}
