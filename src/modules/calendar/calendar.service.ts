import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Language } from '../../platform/i18n';
import { wibParts } from '../../platform/time';
import { cachedCourses, cachedInstructors, cachedRooms, TRADES, type Trade } from '../catalogue';
import { buildDays, shiftPeriod, toWeeks, viewRange, wibMidnight, type CalendarView, type DayCell } from './calendar-grid';
import { assertCanViewCalendar } from './calendar.policy';
import type { CalendarQuery } from './calendar.schemas';
import { loadMeetingRows, type MeetingFilter, type MeetingRow } from './meeting-rows';

export interface CalendarFilters {
  trade?: string;
  room?: string;
  instructor?: string;
}

export interface CalendarPage {
  view: CalendarView;
  /** The date asked for (or today); the period shown contains it. */
  date: string;
  today: string;
  /** First and last day of the period itself (a month, or Monday–Sunday). */
  firstAt: Date;
  lastAt: Date;
  prevDate: string;
  nextDate: string;
  /** Month view: rows of seven days; week view: one row. Days outside the month have inRange false. */
  weeks: DayCell<MeetingRow>[][];
  count: number;
  filters: CalendarFilters;
  options: {
    trades: readonly string[];
    rooms: { id: string; name: string }[];
    instructors: { id: string; name: string }[];
  };
}

/** The month and week views of every session's meetings, for the people who plan and supervise training. */
export class CalendarService {
  constructor(private readonly deps: { clock: Clock }) {}

  /**
   * The meetings of the month or week containing `query.date` (default today, WIB), each on the WIB
   * day it starts, narrowed by trade, room and instructor. Throws ForbiddenError for workers.
   */
  async viewCalendar(actor: Actor, query: CalendarQuery, lng: Language): Promise<CalendarPage> {
    assertCanViewCalendar(actor);
    const today = wibParts(this.deps.clock.now()).date;
    const date = query.date ?? today;
    const range = viewRange(query.view, date);
    const filters: CalendarFilters = { trade: query.trade, room: query.room, instructor: query.instructor };
    const filter: MeetingFilter = { from: wibMidnight(range.start), to: wibMidnight(range.end), room: query.room, instructor: query.instructor };
    if (query.trade) filter.courses = await coursesOfTrade(query.trade);
    const [rows, options] = await Promise.all([loadMeetingRows(filter, lng), filterOptions()]);
    const days = buildDays(range.start, range.end, rows, { today, first: range.first, last: range.last });
    return {
      view: query.view,
      date,
      today,
      firstAt: wibMidnight(range.first),
      lastAt: wibMidnight(range.last),
      prevDate: shiftPeriod(query.view, date, -1),
      nextDate: shiftPeriod(query.view, date, 1),
      weeks: toWeeks(days),
      count: days.reduce((n, d) => n + (d.inRange ? d.items.length : 0), 0),
      filters,
      options,
    };
  }
}

/** The trade's courses, from the catalogue cache (the meeting entries carry their course). */
async function coursesOfTrade(trade: Trade): Promise<string[]> {
  return [...(await cachedCourses.all()).values()].filter((c) => c.trade === trade).map((c) => String(c._id));
}

/** Choices of the filter form: every room and instructor (archived ones too: past meetings use them). */
async function filterOptions(): Promise<CalendarPage['options']> {
  const [roomMap, instructorMap] = await Promise.all([cachedRooms.all(), cachedInstructors.all()]);
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const rooms = [...roomMap.values()].sort(byName);
  const instructors = [...instructorMap.values()].sort(byName);
  return {
    trades: TRADES,
    rooms: rooms.map((r) => ({ id: String(r._id), name: r.name })),
    instructors: instructors.map((i) => ({ id: String(i._id), name: i.name })),
  };
}
