import type { ServiceDeps } from '../../platform/deps';

export { calendarRoutes } from './calendar.routes';

/** Calendar views (month, week, personal schedule) and iCal: per-session .ics and personal feeds. */
export function createCalendarModule(deps: ServiceDeps) {
  return { deps };
}
export type CalendarModule = ReturnType<typeof createCalendarModule>;
