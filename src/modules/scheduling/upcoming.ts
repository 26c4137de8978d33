import type { Clock } from '../../platform/clock';
import { sessionsByStart } from './sessions.cache';

/** Counts a course's classes that are not cancelled and have not ended (running ones included). */
export function upcomingSessionsCounter(clock: Clock) {
  return async (courseId: string): Promise<number> => {
    const now = clock.now().getTime();
    // From the sessions held in memory (sessions.cache.ts), not a filter FerretDB answers by decoding them all.
    return (await sessionsByStart()).filter((s) => String(s.course) === String(courseId) && s.state !== 'cancelled' && (!s.lastEnd || s.lastEnd.getTime() > now)).length;
  };
}
