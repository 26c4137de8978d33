import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { askFirst, type ConfirmPrompt } from '../../platform/http/confirm';
import { flash } from '../../platform/http/flash';
import { TIME_ZONE, type Language } from '../../platform/i18n';
import type { CalendarView } from './calendar-grid';
import { calendarQuery, scheduleQuery } from './calendar.schemas';
import type { CalendarFilters } from './calendar.service';
import type { CalendarModule } from './index';

const actorOf = (req: Request): Actor => req.user as Actor;
const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

/** "Desember 2026" / "December 2026" for an instant, in WIB. */
export function monthLabel(at: Date, lng: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lng], { timeZone: TIME_ZONE, month: 'long', year: 'numeric' }).format(at);
}

/** A calendar link keeping the filters: `/calendar?view=week&date=2026-12-01&room=…`. */
export function calendarHref(view: CalendarView, date: string, filters: CalendarFilters): string {
  const q = new URLSearchParams({ view, date });
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  return `/calendar?${q.toString()}`;
}

function revokePrompt(p: { urlTail: string }): ConfirmPrompt {
  return {
    title: { key: 'calendar:confirm_revoke.title' },
    effects: [{ key: 'calendar:confirm_revoke.stops', params: { tail: p.urlTail } }, { key: 'calendar:confirm_revoke.new_address' }],
    action: '/my/calendar-feed/revoke',
    back: '/my/schedule#feed',
    submit: 'calendar:confirm_revoke.submit',
    danger: true,
  };
}

/** Calendar pages and iCal downloads: parse, call the service, render or send. */
export function calendarController(mod: CalendarModule) {
  const calendar: RequestHandler = async (req, res) => {
    const page = await mod.calendar.viewCalendar(actorOf(req), calendarQuery.parse(req.query), req.lng);
    const href = (view: CalendarView, date: string) => calendarHref(view, date, page.filters);
    res.render('calendar/calendar', {
      page,
      monthLabel: monthLabel(page.firstAt, req.lng),
      links: {
        prev: href(page.view, page.prevDate),
        next: href(page.view, page.nextDate),
        today: href(page.view, page.today),
        month: href('month', page.date),
        week: href('week', page.date),
        reset: calendarHref(page.view, page.date, {}),
      },
    });
  };

  const mySchedule: RequestHandler = async (req, res) => {
    const { from } = scheduleQuery.parse(req.query);
    const schedule = await mod.schedule.mySchedule(actorOf(req), from, req.lng);
    const feed = mod.feeds.feedLinks(await mod.feeds.ensureToken(actorOf(req)));
    res.render('calendar/schedule', { schedule, feed });
  };

  const revokeFeed: RequestHandler = async (req, res) => {
    if (!(await askFirst(req, res, async () => revokePrompt(await mod.feeds.previewRevoke(actorOf(req)))))) return;
    await mod.feeds.revokeToken(actorOf(req));
    flash(req, 'success', 'calendar:feed.revoked');
    res.redirect(303, '/my/schedule#feed');
  };

  const sessionIcs: RequestHandler = async (req, res) => {
    const { filename, body } = await mod.feeds.sessionIcs(actorOf(req), String(req.params.id), req.lng);
    res.attachment(filename);
    res.set('Content-Type', 'text/calendar; charset=utf-8').set('Cache-Control', 'private, no-cache').send(body);
  };

  const feed: RequestHandler = async (req, res) => {
    const body = await mod.feeds.personalFeed(String(req.params.token));
    // The URL is the secret: keep it out of shared caches and search engines.
    res
      .set('Content-Type', 'text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, max-age=300')
      .set('X-Robots-Tag', 'noindex')
      .send(body);
  };

  return { calendar, mySchedule, revokeFeed, sessionIcs, feed };
}
