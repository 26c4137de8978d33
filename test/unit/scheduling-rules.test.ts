import { expect } from 'chai';
import { expandRecurrence, selfOverlaps } from '../../src/modules/scheduling/recurrence';
import { sessionStatus } from '../../src/modules/scheduling/session-status';
import { addDays, overlaps, startOfWibDay, wibParts, wibToUtc } from '../../src/platform/time';

describe('WIB time helpers', () => {
  it('converts WIB wall-clock time to UTC and back', () => {
    expect(wibToUtc('2026-12-01', '08:00')!.toISOString()).to.equal('2026-12-01T01:00:00.000Z');
    expect(wibToUtc('2026-12-01', '06:00')!.toISOString()).to.equal('2026-11-30T23:00:00.000Z');
    expect(wibParts(new Date('2026-11-30T23:00:00Z'))).to.deep.equal({ date: '2026-12-01', time: '06:00', weekday: 2 });
  });

  it('refuses impossible dates and times', () => {
    for (const [d, t] of [['2026-02-29', '08:00'], ['2026-13-01', '08:00'], ['2026-12-01', '24:00'], ['1-2-3', '08:00'], ['2026-12-01', '8']]) {
      expect(wibToUtc(d!, t!), `${d} ${t}`).to.equal(null);
    }
    expect(wibToUtc('2028-02-29', '08:00')).to.not.equal(null);
  });

  it('moves dates across months and years', () => {
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
    expect(addDays('2028-03-01', -1)).to.equal('2028-02-29');
    expect(startOfWibDay(new Date('2026-12-01T16:59:00Z')).toISOString()).to.equal('2026-11-30T17:00:00.000Z');
  });

  it('treats back-to-back intervals as not overlapping', () => {
    const t = (h: number) => new Date(Date.UTC(2026, 11, 1, h));
    expect(overlaps(t(1), t(5), t(5), t(9))).to.equal(false);
    expect(overlaps(t(1), t(5), t(4), t(9))).to.equal(true);
    expect(overlaps(t(1), t(9), t(3), t(4))).to.equal(true);
  });
});

describe('recurrence helper', () => {
  it('makes every Monday and Wednesday 08:00–12:00 WIB for 4 weeks: 8 meetings', () => {
    const meetings = expandRecurrence({ from: '2026-12-07', weekdays: [1, 3], weeks: 4, startTime: '08:00', endTime: '12:00' })!;
    expect(meetings).to.have.length(8);
    expect(meetings.map((m) => wibParts(m.start).date)).to.deep.equal([
      '2026-12-07', '2026-12-09', '2026-12-14', '2026-12-16', '2026-12-21', '2026-12-23', '2026-12-28', '2026-12-30',
    ]);
    expect(meetings.every((m) => wibParts(m.start).time === '08:00' && wibParts(m.end).time === '12:00')).to.equal(true);
  });

  it('starts counting from the given day, not from Monday', () => {
    const meetings = expandRecurrence({ from: '2026-12-09', weekdays: [1], weeks: 1, startTime: '08:00', endTime: '10:00' })!;
    expect(meetings.map((m) => wibParts(m.start).date)).to.deep.equal(['2026-12-14']);
  });

  it('finds meetings of one plan that overlap each other', () => {
    const a = { start: new Date('2026-12-07T01:00:00Z'), end: new Date('2026-12-07T05:00:00Z') };
    const b = { start: new Date('2026-12-07T04:00:00Z'), end: new Date('2026-12-07T06:00:00Z') };
    const c = { start: new Date('2026-12-07T06:00:00Z'), end: new Date('2026-12-07T07:00:00Z') };
    expect(selfOverlaps([a, b, c])).to.deep.equal([[0, 1]]);
  });
});

describe('session status', () => {
  const base = { capacity: 5, firstStart: new Date('2026-12-07T01:00:00Z'), lastEnd: new Date('2026-12-11T05:00:00Z') };
  const before = new Date('2026-12-01T00:00:00Z');
  it('is derived from state, seats and time', () => {
    expect(sessionStatus({ ...base, state: 'planned' }, 0, before)).to.equal('planned');
    expect(sessionStatus({ ...base, state: 'open' }, 4, before)).to.equal('open');
    expect(sessionStatus({ ...base, state: 'open' }, 5, before)).to.equal('full');
    expect(sessionStatus({ ...base, state: 'open' }, 5, new Date('2026-12-07T01:00:00Z'))).to.equal('running');
    expect(sessionStatus({ ...base, state: 'open' }, 5, new Date('2026-12-11T05:00:00Z'))).to.equal('completed');
    expect(sessionStatus({ ...base, state: 'cancelled' }, 5, before)).to.equal('cancelled');
  });
});
