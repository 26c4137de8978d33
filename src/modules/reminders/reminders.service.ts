import { trusted, type Types } from 'mongoose';
import type { Clock } from '../../platform/clock';
import { Course, Instructor, Room } from '../catalogue';
import type { NotificationsService } from '../notifications';
import { Enrollment, Meeting, TrainingSession } from '../scheduling';
import { dueReminder, instructorReminderDue, REMINDER_OFFSETS, scanHorizonMs, type ReminderOffset } from './reminder-rules';

const ids = <T extends { _id: Types.ObjectId }>(rows: T[]) => rows.map((r) => r._id);
const byId = <T extends { _id: Types.ObjectId }>(rows: T[]) => new Map(rows.map((r) => [String(r._id), r]));

/** Class reminders: recorded as notices (inbox first), emailed by the notifications pipeline. */
export class RemindersService {
  private readonly offsets: readonly ReminderOffset[];

  constructor(private readonly deps: { clock: Clock; notifications: NotificationsService; offsets?: readonly ReminderOffset[] }) {
    this.offsets = deps.offsets ?? REMINDER_OFFSETS;
  }

  /**
   * Records the reminders due now for meetings in the next 24 hours: to each enrolled worker (24 h
   * and 2 h before by default: REMINDER_HOURS) and to each instructor with an account (the day before, with the attendee
   * count; the email lists the names as they are when it is sent). Safe to run as often as wanted:
   * keys carry the meeting, its start and the offset (`class-reminder:<meetingId>:<startMs>:24h:
   * <workerId>`), so a second scan records nothing and a moved meeting is reminded of anew.
   * Returns how many notices were new.
   */
  async scanMeetings(): Promise<{ workers: number; instructors: number }> {
    const now = this.deps.clock.now();
    const meetings = await Meeting.find(
      { cancelled: false, start: trusted({ $gt: now, $lte: new Date(now.getTime() + scanHorizonMs(this.offsets)) }) },
      { session: 1, start: 1, room: 1, instructors: 1 },
    ).lean();
    if (meetings.length === 0) return { workers: 0, instructors: 0 };
    const sessions = await TrainingSession.find(
      { _id: trusted({ $in: [...new Set(meetings.map((m) => String(m.session)))] }), state: trusted({ $ne: 'cancelled' }) },
      { course: 1 },
    ).lean();
    const [courses, rooms, enrollments, instructors] = await Promise.all([
      Course.find({ _id: trusted({ $in: sessions.map((s) => s.course) }) }, { code: 1, title: 1 }).lean(),
      Room.find({ _id: trusted({ $in: meetings.map((m) => m.room) }) }, { name: 1 }).lean(),
      Enrollment.find({ session: trusted({ $in: ids(sessions) }), status: 'enrolled' }, { session: 1, worker: 1 }).lean(),
      Instructor.find({ _id: trusted({ $in: meetings.flatMap((m) => m.instructors ?? []) }), active: true }, { user: 1 }).lean(),
    ]);
    const sessionById = byId(sessions);
    const courseById = byId(courses);
    const roomById = byId(rooms);
    const instructorById = byId(instructors);
    const enrolled = new Map<string, string[]>();
    for (const e of enrollments) enrolled.set(String(e.session), [...(enrolled.get(String(e.session)) ?? []), String(e.worker)]);

    let workers = 0;
    let teachers = 0;
    for (const m of meetings) {
      const session = sessionById.get(String(m.session));
      if (!session) continue;
      const course = courseById.get(String(session.course));
      const attendees = enrolled.get(String(session._id)) ?? [];
      const params = {
        course_id: `${course?.code ?? ''} ${course?.title?.id || course?.title?.en || ''}`.trim(),
        course_en: `${course?.code ?? ''} ${course?.title?.en || course?.title?.id || ''}`.trim(),
        start: m.start.toISOString(),
        room: roomById.get(String(m.room))?.name ?? '',
        meeting: String(m._id),
      };
      const at = `${String(m._id)}:${m.start.getTime()}`;
      const label = dueReminder(m.start, now, this.offsets);
      if (label && attendees.length > 0) {
        workers += await this.deps.notifications.notifyWorkers(attendees, {
          key: `class-reminder:${at}:${label}`,
          kind: 'class-reminder',
          link: `/sessions/${String(session._id)}`,
          params: { ...params, offset: label },
          notAfter: m.start,
        });
      }
      if (!instructorReminderDue(m.start, now)) continue;
      for (const instructorId of m.instructors ?? []) {
        const user = instructorById.get(String(instructorId))?.user;
        if (!user) continue;
        const created = await this.deps.notifications.notifyUser(String(user), {
          key: `instructor-reminder:${at}`,
          kind: 'instructor-reminder',
          link: `/meetings/${String(m._id)}/attendance`,
          params: { ...params, attendees: String(attendees.length) },
          notAfter: m.start,
        });
        if (created) teachers++;
      }
    }
    return { workers, instructors: teachers };
  }
}
