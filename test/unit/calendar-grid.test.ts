import { expect } from 'chai';
import { buildDays, firstOfMonth, mondayOf, shiftPeriod, toWeeks, viewRange, weekdayOf } from '../../src/modules/calendar/calendar-grid';
import { calendarQuery, scheduleQuery } from '../../src/modules/calendar/calendar.schemas';
import { canDownloadSession } from '../../src/modules/calendar/calendar.policy';

describe('calendar grid (WIB dates)', () => {
  it('starts weeks on Monday, also across a year end', () => {
    expect(weekdayOf('2027-01-03')).to.equal(0);
    expect(mondayOf('2027-01-03')).to.equal('2026-12-28');
    expect(mondayOf('2026-12-28')).to.equal('2026-12-28');
    expect(mondayOf('2026-12-01')).to.equal('2026-11-30');
  });

  it('pads a month grid to whole Monday–Sunday weeks', () => {
    // December 2026 begins on a Tuesday and ends on a Thursday.
    expect(viewRange('month', '2026-12-15')).to.deep.equal({ start: '2026-11-30', end: '2027-01-04', first: '2026-12-01', last: '2026-12-31' });
    // February 2027 is exactly four weeks, Monday to Sunday.
    expect(viewRange('month', '2027-02-10')).to.deep.equal({ start: '2027-02-01', end: '2027-03-01', first: '2027-02-01', last: '2027-02-28' });
    expect(viewRange('month', '2028-02-10').last).to.equal('2028-02-29');
  });

  it('shows a week from Monday to Sunday', () => {
    expect(viewRange('week', '2027-01-01')).to.deep.equal({ start: '2026-12-28', end: '2027-01-04', first: '2026-12-28', last: '2027-01-03' });
  });

  it('moves to the previous and next period without day overflow', () => {
    expect(shiftPeriod('month', '2026-01-31', 1)).to.equal('2026-02-01');
    expect(shiftPeriod('month', '2026-01-31', -1)).to.equal('2025-12-01');
    expect(shiftPeriod('week', '2026-12-31', 1)).to.equal('2027-01-04');
    expect(shiftPeriod('week', '2026-12-31', -1)).to.equal('2026-12-21');
    expect(firstOfMonth('2026-12-31', 1)).to.equal('2027-01-01');
  });

  it('puts each item on its WIB day and marks days outside the month and today', () => {
    const range = viewRange('month', '2026-12-01');
    const days = buildDays(range.start, range.end, [{ date: '2026-12-01', n: 1 }, { date: '2026-12-01', n: 2 }, { date: '2027-02-01', n: 3 }], {
      today: '2026-12-02', first: range.first, last: range.last,
    });
    expect(days).to.have.length(35);
    expect(days[0]).to.include({ date: '2026-11-30', inRange: false });
    expect(days[1]!.items.map((i) => i.n)).to.deep.equal([1, 2]);
    expect(days[2]).to.include({ today: true, inRange: true });
    expect(days[1]!.at.toISOString()).to.equal('2026-12-01T05:00:00.000Z'); // noon WIB
    expect(days.flatMap((d) => d.items)).to.have.length(2);
    expect(toWeeks(days)).to.have.length(5);
  });
});

describe('calendar query strings', () => {
  it('falls back instead of failing on bad values', () => {
    expect(calendarQuery.parse({ view: 'year', date: '2026-02-30', trade: 'juggling', room: 'abc', instructor: { $ne: 1 } })).to.deep.equal({
      view: 'month', date: undefined, trade: undefined, room: undefined, instructor: undefined,
    });
    expect(calendarQuery.parse({ date: ['2026-12-01', '2026-12-02'] }).date).to.equal(undefined);
    expect(scheduleQuery.parse({ from: '31-12-2026' }).from).to.equal(undefined);
  });

  it('keeps good values', () => {
    const room = '507f1f77bcf86cd799439011';
    expect(calendarQuery.parse({ view: 'week', date: '2028-02-29', trade: 'welding', room, instructor: '' })).to.deep.equal({
      view: 'week', date: '2028-02-29', trade: 'welding', room, instructor: undefined,
    });
  });
});

describe('calendar policy: who may download a session .ics', () => {
  const as = (...roles: string[]) => ({ id: 'u', roles });
  it('lets staff download any session', () => {
    for (const role of ['coordinator', 'admin', 'instructor', 'manager']) expect(canDownloadSession(as(role), { state: 'planned' }, false)).to.equal(true);
  });
  it('lets a worker download only a session they hold a place in, or an open one', () => {
    expect(canDownloadSession(as('worker'), { state: 'planned' }, false)).to.equal(false);
    expect(canDownloadSession(as('worker'), { state: 'cancelled' }, false)).to.equal(false);
    expect(canDownloadSession(as('worker'), { state: 'planned' }, true)).to.equal(true);
    expect(canDownloadSession(as('worker'), { state: 'open' }, false)).to.equal(true);
    expect(canDownloadSession(as(), { state: 'open' }, false)).to.equal(false);
  });
});
