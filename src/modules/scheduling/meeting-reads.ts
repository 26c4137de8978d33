import { sessionMeetings, weekMeetings, type MeetingEntry } from './meeting-read-models';
import { cachedSessions } from './sessions.cache';
import { wibWeeksBetween } from './wib-weeks';

const DAY_MS = 86_400_000;
/**
 * A session's `firstStart`/`lastEnd` span its meetings that are not cancelled; a cancelled meeting
 * may lie outside it. Sessions whose span comes within this margin of a range are read for it.
 */
const SPAN_MARGIN_MS = 14 * DAY_MS;

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

/**
 * The meetings of `sessionIds` starting in [from, to), sorted by start then id — a person's own
 * schedule. Reads the `session-meetings` document of each of those sessions whose span (from the
 * sessions held in memory) comes near the range, when they are fewer than the range's weeks; else
 * the week buckets, filtered. A worker's enrolments grow with the years, the sessions near today
 * do not; and a week bucket holds every class of the week (about 60 at 5,000 workers), a session's
 * document only its own few meetings.
 */
export async function meetingsOfSessionsBetween(sessionIds: readonly unknown[], from: Date, to: Date): Promise<MeetingEntry[]> {
  const wanted = new Set(sessionIds.map(String));
  const inRange = (m: MeetingEntry) => m.start.getTime() >= from.getTime() && m.start.getTime() < to.getTime();
  const near = [...(await cachedSessions.pick([...wanted])).values()]
    .filter((s) => !s.firstStart || !s.lastEnd || (s.firstStart.getTime() < to.getTime() + SPAN_MARGIN_MS && s.lastEnd.getTime() > from.getTime() - SPAN_MARGIN_MS))
    .map((s) => String(s._id));
  if (near.length >= wibWeeksBetween(from, to).length) return (await meetingsBetween(from, to)).filter((m) => wanted.has(m.session));
  const docs = await meetingsOfSessions(near);
  return [...docs.values()]
    .flat()
    .filter(inRange)
    .sort((a, b) => a.start.getTime() - b.start.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
