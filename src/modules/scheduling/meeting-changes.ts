import { ReadModelDoc } from '../../platform/db/read-model';
import { sessionMeetings, weekMeetings, type SessionMeetings } from './meeting-read-models';
import { wibWeekOf } from './wib-weeks';

export interface MeetingsChange {
  /** Sessions whose meetings, or whose own fields shown with them (course, state), changed. */
  sessions?: readonly unknown[];
  /** Start instants before and after the write (a moved meeting: both), when known. */
  starts?: readonly Date[];
  /** Week keys (`2026-W49`) touched, when known. */
  weeks?: readonly string[];
}

/**
 * The one hook every writer of meetings, and of the session fields the meeting read models carry,
 * calls after its write has committed (and before answering): creating a session with its meetings,
 * adding, moving or cancelling a meeting, cancelling a session, changing its course, room or
 * instructors, seeds and generators. It refreshes `session-meetings` of `sessions` and every
 * `week-meetings` bucket their meetings were in before (read from the old document) and are in now,
 * plus the weeks of `starts`/`weeks` — so a meeting moved across a week boundary leaves its old bucket
 * even when the caller names only the session. Refreshes recompute from the source under per-key
 * locks (read-model.ts), so racing writers cannot leave a stale bucket.
 */
export async function meetingsChanged(change: MeetingsChange): Promise<void> {
  const sessions = [...new Set((change.sessions ?? []).map(String))];
  const weeks = new Set<string>([...(change.weeks ?? []), ...(change.starts ?? []).map(wibWeekOf)]);
  const weeksOf = (docs: ({ data?: unknown } | null)[]) => {
    for (const doc of docs) for (const m of (doc?.data as SessionMeetings | undefined)?.meetings ?? []) weeks.add(wibWeekOf(new Date(m.start)));
  };
  if (sessions.length > 0) {
    weeksOf(await Promise.all(sessions.map((s) => ReadModelDoc.findById(`${sessionMeetings.name}:${s}`, { data: 1 }).lean())));
    await sessionMeetings.refresh(sessions);
    weeksOf(await Promise.all(sessions.map((s) => ReadModelDoc.findById(`${sessionMeetings.name}:${s}`, { data: 1 }).lean())));
  }
  if (weeks.size > 0) await weekMeetings.refresh([...weeks]);
}

/**
 * After a bulk write that bypassed the hook (scripts/generate.ts, with no app running): rebuilds
 * every session's and week's document from one read of meetings and sessions, so no page view pays
 * for building one. Returns how many documents were written.
 */
export async function rebuildMeetingReadModels(): Promise<number> {
  const [s, w] = await Promise.all([sessionMeetings.rebuildAll(), weekMeetings.rebuildAll()]);
  return s + w;
}
