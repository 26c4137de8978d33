import { trusted } from 'mongoose';
import type { Clock } from '../../platform/clock';
import { TrainingSession } from './session.model';

/** Counts a course's classes that are not cancelled and have not ended (running ones included). */
export function upcomingSessionsCounter(clock: Clock) {
  return async (courseId: string): Promise<number> => {
    const sessions = await TrainingSession.find({ course: courseId, state: trusted({ $ne: 'cancelled' }) }, { lastEnd: 1 }).lean();
    const now = clock.now().getTime();
    return sessions.filter((s) => !s.lastEnd || s.lastEnd.getTime() > now).length;
  };
}
