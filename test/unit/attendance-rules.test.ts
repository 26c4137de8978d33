import { expect } from 'chai';
import type { AttendanceStatus } from '../../src/modules/attendance';
import {
  canRecordStatus,
  checkinTiming,
  CHECKIN_OPENS_BEFORE_MS,
  LATE_AFTER_MS,
  summariseWorker,
  type SummaryMeeting,
} from '../../src/modules/attendance/attendance.rules';
import { canTakeAttendance } from '../../src/modules/attendance/attendance.policy';
import { attendanceForm } from '../../src/modules/attendance/attendance.schemas';
import { parseForm } from '../../src/platform/http/validate';
import { ValidationError } from '../../src/platform/errors';

const MIN = 60 * 1000;
const meeting = { start: new Date('2026-03-02T01:00:00Z'), end: new Date('2026-03-02T05:00:00Z') }; // 08:00–12:00 WIB
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe('attendance rules: the QR check-in window', () => {
  it('uses a 30-minute opening margin and a 15-minute grace before late', () => {
    expect(CHECKIN_OPENS_BEFORE_MS).to.equal(30 * MIN);
    expect(LATE_AFTER_MS).to.equal(15 * MIN);
  });

  it('is too early until 30 minutes before the start, and open from that instant', () => {
    expect(checkinTiming(meeting, plus(meeting.start, -30 * MIN - 1))).to.equal('too_early');
    expect(checkinTiming(meeting, plus(meeting.start, -30 * MIN))).to.equal('present');
  });

  it('counts present up to 15 minutes after the start inclusive, late after that', () => {
    expect(checkinTiming(meeting, plus(meeting.start, 15 * MIN))).to.equal('present');
    expect(checkinTiming(meeting, plus(meeting.start, 15 * MIN + 1))).to.equal('late');
  });

  it('closes at the end of the meeting', () => {
    expect(checkinTiming(meeting, plus(meeting.end, -1))).to.equal('late');
    expect(checkinTiming(meeting, meeting.end)).to.equal('closed');
  });

  it('lets excused be recorded in advance, the other statuses only once the window opens', () => {
    const before = plus(meeting.start, -31 * MIN);
    expect(canRecordStatus('excused', meeting, before)).to.equal(true);
    expect(canRecordStatus('present', meeting, before)).to.equal(false);
    expect(canRecordStatus('absent', meeting, plus(meeting.start, -30 * MIN))).to.equal(true);
  });
});

describe('attendance rules: rate and completion', () => {
  const day = 24 * 60 * MIN;
  const meetings: SummaryMeeting[] = [0, 1, 2, 3, 4].map((i) => ({
    id: `m${i}`,
    start: plus(meeting.start, i * day),
    end: plus(meeting.end, i * day),
  }));
  const afterAll = plus(meetings[4]!.end, 1);
  const marks = (...statuses: (AttendanceStatus | undefined)[]) =>
    new Map(statuses.flatMap((s, i) => (s ? [[`m${i}`, s] as const] : [])));

  it('completes at exactly the minimum: 4 of 5 against 80 %', () => {
    const r = summariseWorker(meetings, marks('present', 'late', 'present', 'present', 'absent'), 80, afterAll);
    expect(r).to.include({ held: 5, attended: 4, absent: 1, ratePct: 80, finished: true, completed: true });
  });

  it('does not complete one meeting short of the minimum: 3 of 5', () => {
    const r = summariseWorker(meetings, marks('present', 'absent', 'present', 'present', 'absent'), 80, afterAll);
    expect(r).to.include({ attended: 3, ratePct: 60, completed: false });
  });

  it('takes excused meetings out of the denominator', () => {
    const r = summariseWorker(meetings, marks('present', 'excused', 'present', 'present', 'absent'), 80, afterAll);
    expect(r).to.include({ attended: 3, excused: 1, absent: 1, ratePct: 75, completed: false });
    const r2 = summariseWorker(meetings, marks('present', 'excused', 'present', 'present', 'present'), 80, afterAll);
    expect(r2).to.include({ attended: 4, excused: 1, ratePct: 100, completed: true });
  });

  it('counts a meeting without a record as absent', () => {
    const r = summariseWorker(meetings, marks('present', undefined, 'present', 'present', 'present'), 80, afterAll);
    expect(r).to.include({ absent: 1, unrecorded: 1, ratePct: 80, completed: true });
  });

  it('is not final while a meeting is still to come, and counts only meetings started', () => {
    const during = plus(meetings[2]!.start, MIN);
    const r = summariseWorker(meetings, marks('present', 'present', 'present'), 80, during);
    expect(r).to.include({ held: 3, attended: 3, ratePct: 100, finished: false, completed: false });
  });

  it('does not complete a worker excused from everything', () => {
    const r = summariseWorker(meetings, marks('excused', 'excused', 'excused', 'excused', 'excused'), 80, afterAll);
    expect(r).to.include({ ratePct: null, completed: false, finished: true });
  });

  it('has no rate before anything is held', () => {
    const r = summariseWorker(meetings, new Map(), 80, plus(meeting.start, -MIN));
    expect(r).to.include({ held: 0, ratePct: null, finished: false, completed: false });
  });
});

describe('attendance policy', () => {
  const as = (roles: string[]) => ({ id: 'u1', roles });
  it('lets coordinators and admins take any meeting, instructors only their own', () => {
    expect(canTakeAttendance(as(['coordinator']), [], null)).to.equal(true);
    expect(canTakeAttendance(as(['admin']), ['i1'], null)).to.equal(true);
    expect(canTakeAttendance(as(['instructor']), ['i1', 'i2'], 'i2')).to.equal(true);
    expect(canTakeAttendance(as(['instructor']), ['i1'], 'i2')).to.equal(false);
    expect(canTakeAttendance(as(['instructor']), ['i1'], null)).to.equal(false);
    expect(canTakeAttendance(as(['worker', 'manager']), ['i1'], 'i1')).to.equal(false);
  });
});

describe('attendance form', () => {
  const id = 'a'.repeat(24);
  const fieldsOf = (body: unknown) => {
    try {
      parseForm(attendanceForm, body);
      return null;
    } catch (err) {
      return (err as ValidationError).fields;
    }
  };

  it('reads one status per worker and ignores other fields', () => {
    expect(parseForm(attendanceForm, { _csrf: 't', [`status_${id}`]: 'late' })).to.deep.equal({ [id]: 'late' });
  });

  it('refuses an unknown status word, a repeated field, a malformed worker id, and an empty form', () => {
    expect(fieldsOf({ [`status_${id}`]: 'hadir' })).to.deep.equal({ [`status_${id}`]: 'attendance:validation.status' });
    expect(fieldsOf({ [`status_${id}`]: ['present', 'late'] })).to.deep.equal({ [`status_${id}`]: 'attendance:validation.status' });
    expect(fieldsOf({ 'status_$ne': 'present' })).to.deep.equal({ _form: 'attendance:validation.unknown_worker' });
    expect(fieldsOf({ _csrf: 't' })).to.deep.equal({ _form: 'attendance:validation.nothing_marked' });
  });
});
