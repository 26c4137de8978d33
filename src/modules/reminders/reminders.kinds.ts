import path from 'node:path';
import { Types, trusted } from 'mongoose';
import { projectRoot } from '../../platform/paths';
import type { EmailNotice, NoticeKind } from '../notifications';
import { Enrollment, Meeting, TrainingSession } from '../scheduling';
import { Worker } from '../workers';

const dir = path.join(projectRoot(), 'src', 'modules', 'reminders', 'emails');

/**
 * The meeting a reminder was recorded for, if it still happens as recorded: a reminder for a
 * cancelled class, or for the old time of a moved meeting, is not sent (the change notice is).
 */
async function meetingAsRecorded(n: EmailNotice) {
  const id = n.params.meeting;
  const meeting = id && Types.ObjectId.isValid(id) ? await Meeting.findById(id, { session: 1, start: 1, cancelled: 1 }).lean() : null;
  if (!meeting || meeting.cancelled || meeting.start.toISOString() !== n.params.start) return null;
  const live = await TrainingSession.exists({ _id: meeting.session, state: trusted({ $ne: 'cancelled' }) });
  return live ? meeting : null;
}

/**
 * Class reminders are optional email (the inbox always has them): people who turned optional email
 * off still see them in the app.
 */
export function reminderKinds(): NoticeKind[] {
  return [
    {
      kind: 'class-reminder',
      essential: false,
      dir,
      template: 'class-reminder',
      subject: 'notifications:email.subject.class-reminder',
      emailData: async (n) => {
        const meeting = await meetingAsRecorded(n);
        return meeting ? { startAt: meeting.start } : null;
      },
    },
    {
      kind: 'instructor-reminder',
      essential: false,
      dir,
      template: 'instructor-reminder',
      subject: 'notifications:email.subject.instructor-reminder',
      emailData: async (n) => {
        const meeting = await meetingAsRecorded(n);
        if (!meeting) return null;
        const enrolled = await Enrollment.find({ session: meeting.session, status: 'enrolled' }, { worker: 1 }).lean();
        const workers = await Worker.find({ _id: trusted({ $in: enrolled.map((e) => e.worker) }) }, { name: 1 }).sort({ name: 1 }).lean();
        return { startAt: meeting.start, attendees: workers.map((w) => w.name) };
      },
    },
  ];
}
