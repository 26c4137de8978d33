import { trusted, type Types } from 'mongoose';
import { defineReadModel } from '../../platform/db/read-model';
import { Meeting } from './meeting.model';
import { TrainingSession } from './session.model';
import { wibWeekOf, wibWeekRange } from './wib-weeks';

/**
 * One meeting as the pages need it, with the few session fields they show next to it (course,
 * session state) so a calendar or schedule reads no session at all. Ids are strings.
 */
export interface MeetingEntry {
  id: string;
  session: string;
  course: string;
  start: Date;
  end: Date;
  room: string;
  instructors: string[];
  /** The meeting itself is cancelled (see `sessionCancelled` for the whole session). */
  cancelled: boolean;
  sessionCancelled: boolean;
  /** The later of the meeting's and the session's last change (iCal SEQUENCE). */
  updatedAt: Date;
}

export interface SessionMeetings {
  session: string;
  meetings: MeetingEntry[];
}

export interface WeekMeetings {
  week: string;
  meetings: MeetingEntry[];
}

const FIELDS = { session: 1, start: 1, end: 1, room: 1, instructors: 1, cancelled: 1, updatedAt: 1 } as const;
const byStart = (a: MeetingEntry, b: MeetingEntry) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id);

interface LeanMeeting {
  _id: Types.ObjectId;
  session: Types.ObjectId;
  start: Date;
  end: Date;
  room: Types.ObjectId;
  instructors?: Types.ObjectId[] | null;
  cancelled?: boolean | null;
  updatedAt?: Date | null;
}

/** The sessions of `meetings` (course, state, updatedAt): by `_id` in parallel when few, one scan when many (bulk rebuilds). */
async function sessionsOf(meetings: readonly LeanMeeting[]) {
  const ids = [...new Set(meetings.map((m) => String(m.session)))];
  const fields = { course: 1, state: 1, updatedAt: 1 };
  const rows =
    ids.length <= 50
      ? (await Promise.all(ids.map((id) => TrainingSession.findById(id, fields).lean()))).filter((s) => !!s)
      : await TrainingSession.find({ _id: trusted({ $in: ids }) }, fields).lean();
  return new Map(rows.map((s) => [String(s._id), s]));
}

type SessionFields = { course: unknown; state: string; updatedAt?: Date | null };

async function entriesOf(meetings: readonly LeanMeeting[]): Promise<MeetingEntry[]> {
  return entriesFrom(meetings, await sessionsOf(meetings));
}

function entriesFrom(meetings: readonly LeanMeeting[], sessions: Map<string, SessionFields>): MeetingEntry[] {
  return meetings.map((m) => {
    const s = sessions.get(String(m.session));
    const mine = m.updatedAt?.getTime() ?? 0;
    const theirs = s?.updatedAt ? new Date(s.updatedAt).getTime() : 0;
    return {
      id: String(m._id),
      session: String(m.session),
      course: s ? String(s.course) : '',
      start: m.start,
      end: m.end,
      room: String(m.room),
      instructors: (m.instructors ?? []).map(String),
      cancelled: !!m.cancelled,
      sessionCancelled: s?.state === 'cancelled',
      updatedAt: new Date(Math.max(mine, theirs)),
    };
  });
}

/** Every meeting as an entry, sorted by start: one scan of meetings and one of sessions (bulk rebuilds only). */
async function allEntries(): Promise<MeetingEntry[]> {
  const [meetings, sessions] = await Promise.all([
    Meeting.find({}, FIELDS).lean() as Promise<LeanMeeting[]>,
    TrainingSession.find({}, { course: 1, state: 1, updatedAt: 1 }).lean(),
  ]);
  return entriesFrom(meetings, new Map(sessions.map((s) => [String(s._id), s]))).sort(byStart);
}

/**
 * `session-meetings:<sessionId>`: every meeting of one session, sorted by start. Read by the session
 * pages (detail, attendance, assessments) and whatever needs one session's meetings; kept right by
 * `meetingsChanged` (meeting-changes.ts), which every writer of meetings or sessions calls.
 */
export const sessionMeetings = defineReadModel<SessionMeetings>({
  name: 'session-meetings',
  version: 1,
  empty: (session) => ({ session, meetings: [] }),
  async build(keys) {
    const valid = keys.filter((k) => /^[a-f0-9]{24}$/i.test(k));
    if (valid.length === 0) return new Map();
    const meetings = (await Meeting.find({ session: trusted({ $in: valid }) }, FIELDS).lean()) as LeanMeeting[];
    const entries = await entriesOf(meetings);
    const out = new Map<string, SessionMeetings>(valid.map((k) => [k, { session: k, meetings: [] }]));
    for (const e of entries) out.get(e.session)?.meetings.push(e);
    for (const doc of out.values()) doc.meetings.sort(byStart);
    return out;
  },
  // Every session gets a document (also one without meetings), so no page view builds one.
  async buildAll() {
    const [sessions, entries] = await Promise.all([TrainingSession.find({}, { _id: 1 }).lean(), allEntries()]);
    const out = new Map<string, SessionMeetings>(sessions.map((s) => [String(s._id), { session: String(s._id), meetings: [] }]));
    for (const e of entries) out.get(e.session)?.meetings.push(e);
    return out;
  },
});

/**
 * `week-meetings:<ISO week in WIB>` (e.g. `2026-W49`): every meeting starting in that Monday–Sunday
 * WIB week, sorted by start. The calendar reads the 1 (week) or 5–6 (month) buckets of its view, the
 * personal schedule the ~9 of its 60 days. One build scans the meetings once for all its keys.
 */
export const weekMeetings = defineReadModel<WeekMeetings>({
  name: 'week-meetings',
  version: 1,
  empty: (week) => ({ week, meetings: [] }),
  async build(keys) {
    const ranges = keys.map((k) => wibWeekRange(k)).filter((r) => !!r);
    if (ranges.length === 0) return new Map();
    const from = new Date(Math.min(...ranges.map((r) => r.from.getTime())));
    const to = new Date(Math.max(...ranges.map((r) => r.to.getTime())));
    const wanted = new Set(keys);
    const meetings = ((await Meeting.find({ start: trusted({ $gte: from, $lt: to }) }, FIELDS).lean()) as LeanMeeting[]).filter((m) =>
      wanted.has(wibWeekOf(m.start)),
    );
    const entries = await entriesOf(meetings);
    const out = new Map<string, WeekMeetings>(keys.map((k) => [k, { week: k, meetings: [] }]));
    for (const e of entries) out.get(wibWeekOf(e.start))?.meetings.push(e);
    for (const doc of out.values()) doc.meetings.sort(byStart);
    return out;
  },
  // Only weeks with meetings: an empty week is built (cheaply, from an empty range) on first read.
  async buildAll() {
    const out = new Map<string, WeekMeetings>();
    for (const e of await allEntries()) {
      const week = wibWeekOf(e.start);
      let doc = out.get(week);
      if (!doc) out.set(week, (doc = { week, meetings: [] }));
      doc.meetings.push(e);
    }
    return out;
  },
});
