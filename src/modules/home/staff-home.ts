import type { Actor } from '../../platform/actor';
import type { Language } from '../../platform/i18n';
import { startOfWibDay, wibParts } from '../../platform/time';
import type { MeetingRow } from '../calendar';
import type { AssessmentTodo, ExpiringCertificate, FillingClass, HomeSources } from './home.sources';

const DAY_MS = 86_400_000;
/** Past meetings looked at for a register nobody took: an instructor's own, and LIK-wide for coordinators. */
export const REGISTER_LOOKBACK_DAYS = { instructor: 30, coordinator: 14 } as const;
export const STAFF_LIMITS = { today: 10, registers: 5, assessments: 5, classes: 5, certificates: 5, unreachable: 3 } as const;
/** Coordinators see certificates ending within this many days. */
export const COORDINATOR_EXPIRY_DAYS = 30;

export interface Listed<T> {
  items: T[];
  total: number;
}

export interface TodayMeeting extends MeetingRow {
  inProgress: boolean;
  ended: boolean;
}

/** Today's meetings (WIB) and, of the earlier ones that ended, those with no attendance recorded. */
async function meetingsAndRegisters(src: HomeSources, lng: Language, lookbackDays: number, instructorId?: string) {
  const now = src.now();
  const today = wibParts(now).date;
  const tomorrow = new Date(startOfWibDay(now).getTime() + DAY_MS);
  const meetings = await src.meetingsBetween(new Date(now.getTime() - lookbackDays * DAY_MS), tomorrow, lng, instructorId);
  const todays = meetings.filter((m) => m.date === today);
  const ended = meetings.filter((m) => !m.cancelled && m.end.getTime() <= now.getTime());
  const recorded = await src.meetingsWithAttendance(ended);
  const open = ended.filter((m) => !recorded.has(m.id)).reverse();
  return {
    today: {
      items: todays.slice(0, STAFF_LIMITS.today).map((m) => ({ ...m, inProgress: m.start <= now && m.end > now, ended: m.end <= now })),
      total: todays.length,
    } satisfies Listed<TodayMeeting>,
    registers: { items: open.slice(0, STAFF_LIMITS.registers), total: open.length } satisfies Listed<MeetingRow>,
  };
}

export interface InstructorHome {
  linked: boolean;
  today: Listed<TodayMeeting>;
  registers: Listed<MeetingRow>;
  assessments: Listed<AssessmentTodo>;
}

/**
 * "What now?" for an instructor: today's meetings they teach with their register and QR screen,
 * registers of their past meetings still empty, and post-assessments still to record — only their
 * own (every read is narrowed to the instructor record linked to the account).
 */
export async function instructorHome(src: HomeSources, actor: Actor, lng: Language): Promise<InstructorHome> {
  const instructorId = await src.instructorIdOf(actor.id);
  const none = { items: [], total: 0 };
  if (!instructorId) return { linked: false, today: none, registers: none, assessments: none };
  const [meetings, assessments] = await Promise.all([
    meetingsAndRegisters(src, lng, REGISTER_LOOKBACK_DAYS.instructor, instructorId),
    src.assessmentsToRecord(instructorId, lng, STAFF_LIMITS.assessments),
  ]);
  return { linked: true, ...meetings, assessments };
}

export interface CoordinatorHome {
  today: Listed<TodayMeeting>;
  registers: Listed<MeetingRow>;
  classes: Listed<FillingClass>;
  certificates: Listed<ExpiringCertificate>;
  unreachable: { total: number; waiting: { id: string; name: string; unread: number }[] };
}

/**
 * "What now?" for a training coordinator (LIK-wide, as their pages are): today's meetings,
 * registers not taken, classes filling up or with a wait-list, certificates ending within 30 days,
 * and the people no notice can reach by email (those with unread notices first).
 */
export async function coordinatorHome(src: HomeSources, actor: Actor, lng: Language): Promise<CoordinatorHome> {
  const [meetings, classes, certificates, unreachable] = await Promise.all([
    meetingsAndRegisters(src, lng, REGISTER_LOOKBACK_DAYS.coordinator),
    src.classesFillingUp(lng, STAFF_LIMITS.classes),
    src.certificatesExpiringWithin(COORDINATOR_EXPIRY_DAYS, STAFF_LIMITS.certificates),
    src.unreachable(actor),
  ]);
  const waiting = unreachable.workers.items
    .filter((w) => w.unread > 0)
    .sort((a, b) => b.unread - a.unread)
    .slice(0, STAFF_LIMITS.unreachable)
    .map((w) => ({ id: w.id, name: w.name, unread: w.unread }));
  return { ...meetings, classes, certificates, unreachable: { total: unreachable.workers.total + unreachable.instructors.length, waiting } };
}
