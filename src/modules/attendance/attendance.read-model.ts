import { trusted } from 'mongoose';
import { defineReadModel } from '../../platform/db/read-model';
import { TrainingSession } from '../scheduling/session.model';
import { Attendance, type AttendanceStatus } from './attendance.model';

/** One attendance record as the pages need it; ids are strings. */
export interface AttendanceEntry {
  meeting: string;
  worker: string;
  status: AttendanceStatus;
  via: 'manual' | 'qr';
  /** When the status was set (injected clock); null for records written without it (seeds, imports). */
  recordedAt: Date | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

export interface SessionAttendanceRecords {
  session: string;
  /** Every record of the session's meetings (cancelled meetings included), by meeting, then worker. */
  records: AttendanceEntry[];
}

const FIELDS = { meeting: 1, session: 1, worker: 1, status: 1, via: 1, recordedAt: 1, createdAt: 1, updatedAt: 1 } as const;
const isId = (k: string) => /^[a-f0-9]{24}$/i.test(k);

/** The order the documents keep (a test compares them with a fresh query sorted the same way). */
export function attendanceOrder(a: AttendanceEntry, b: AttendanceEntry): number {
  return a.meeting.localeCompare(b.meeting) || a.worker.localeCompare(b.worker);
}

/** Records of the sessions in `keys` (or all): one scan on FerretDB, whatever the number of keys. */
async function recordsOf(keys: readonly string[] | 'all'): Promise<(AttendanceEntry & { session: string })[]> {
  const filter = keys === 'all' ? {} : { session: trusted({ $in: keys.filter(isId) }) };
  const rows = await Attendance.find(filter, FIELDS).lean();
  return rows.map((r) => ({
    session: String(r.session),
    meeting: String(r.meeting),
    worker: String(r.worker),
    status: r.status,
    via: r.via,
    recordedAt: r.recordedAt ?? null,
    createdAt: (r as { createdAt?: Date }).createdAt ?? null,
    updatedAt: (r as { updatedAt?: Date }).updatedAt ?? null,
  }));
}

function group(keys: readonly string[], rows: (AttendanceEntry & { session: string })[]): Map<string, SessionAttendanceRecords> {
  const out = new Map<string, SessionAttendanceRecords>(keys.map((k) => [k, { session: k, records: [] }]));
  for (const { session, ...entry } of rows) out.get(session)?.records.push(entry);
  for (const doc of out.values()) doc.records.sort(attendanceOrder);
  return out;
}

/**
 * `session-attendance:<sessionId>`: every attendance record of one session's meetings (a class of 15
 * over 10 meetings: 150 small entries). Read by the register, the session's attendance page and the
 * 80 % rule (summary.service.ts), the check-in page, and the staff home's "registers left open",
 * instead of `Attendance.find({ session | meeting })`, a full scan on FerretDB. Kept right by
 * `attendanceChanged` (attendance-changes.ts). Never a judge: one record per (meeting, worker) stays
 * on the unique index, and the register's save reads the source.
 */
export const sessionAttendance = defineReadModel<SessionAttendanceRecords>({
  name: 'session-attendance',
  version: 1,
  empty: (session) => ({ session, records: [] }),
  build: async (keys) => group(keys, await recordsOf(keys)),
  // Every session gets a document, also those without records, so no page view builds one.
  async buildAll() {
    const [sessions, rows] = await Promise.all([TrainingSession.find({}, { _id: 1 }).lean(), recordsOf('all')]);
    return group(sessions.map((s) => String(s._id)), rows);
  },
});
