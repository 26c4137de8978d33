import { sessionMeetings, weekMeetings, type MeetingEntry } from './meeting-read-models';
import { wibWeeksBetween } from './wib-weeks';

/*
 * How pages read meetings: by session (one `session-meetings` document) or by time (the
 * `week-meetings` buckets the range touches, read by `_id` in parallel). Never a filter on the
 * meetings collection, which FerretDB would scan whole.
 */

/** One session's meetings, sorted by start. */
export async function meetingsOfSession(sessionId: unknown): Promise<MeetingEntry[]> {
  return (await sessionMeetings.get(String(sessionId))).meetings;
}

/** Several sessions' meetings (one point read each, in parallel). */
export async function meetingsOfSessions(sessionIds: readonly unknown[]): Promise<Map<string, MeetingEntry[]>> {
  const docs = await sessionMeetings.getMany(sessionIds.map(String));
  return new Map([...docs].map(([k, v]) => [k, v.meetings]));
}

/** Every meeting starting in [from, to), sorted by start: about one point read per WIB week. */
export async function meetingsBetween(from: Date, to: Date): Promise<MeetingEntry[]> {
  const weeks = wibWeeksBetween(from, to);
  const docs = await weekMeetings.getMany(weeks);
  return weeks.flatMap((w) => docs.get(w)?.meetings ?? []).filter((m) => m.start.getTime() >= from.getTime() && m.start.getTime() < to.getTime());
}
