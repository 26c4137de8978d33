import type { ServiceDeps } from '../../platform/deps';
import { CalendarService } from './calendar.service';
import { FeedService } from './feeds.service';
import { ScheduleService } from './schedule.service';

export { calendarRoutes } from './calendar.routes';
export { CalendarService } from './calendar.service';
export { ScheduleService } from './schedule.service';
export { FeedService } from './feeds.service';
export { buildCalendar, JAKARTA_VTIMEZONE, type IcsEvent } from './ical';
export { loadMeetingRows, type MeetingRow, type MeetingFilter } from './meeting-rows';

/** Calendar views (month, week, personal schedule) and iCal: per-session .ics and personal feeds. */
export function createCalendarModule(deps: ServiceDeps) {
  const calendar = new CalendarService({ clock: deps.clock });
  const schedule = new ScheduleService({ clock: deps.clock });
  const feeds = new FeedService({ clock: deps.clock, i18n: deps.i18n, appUrl: deps.config.appUrl, schedule });
  return { deps, calendar, schedule, feeds };
}
export type CalendarModule = ReturnType<typeof createCalendarModule>;
