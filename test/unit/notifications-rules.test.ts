import { expect } from 'chai';
import { classifySmtpError, judge, localiseParams } from '../../src/modules/notifications';
import { createI18n, formatters } from '../../src/platform/i18n';
import { SecretBox } from '../../src/modules/notifications/secrets';
import { dueReminder, expiryMarkDue, instructorReminderDue, isoWeek, reminderOffsets, welderWarningDue } from '../../src/modules/reminders';

const HOUR = 3600 * 1000;
const start = new Date('2026-12-02T01:00:00Z'); // Wednesday 08:00 WIB
const before = (hours: number) => new Date(start.getTime() - hours * HOUR);

describe('class reminder windows', () => {
  it('is due 24 h before until 2 h before, then the 2-hour one until the meeting starts', () => {
    expect(dueReminder(start, before(30))).to.equal(null);
    expect(dueReminder(start, before(24))).to.equal('24h');
    expect(dueReminder(start, before(3))).to.equal('24h');
    expect(dueReminder(start, before(2))).to.equal('2h');
    expect(dueReminder(start, before(0.1))).to.equal('2h');
    expect(dueReminder(start, before(0))).to.equal(null);
    expect(dueReminder(start, before(-1))).to.equal(null);
  });

  it('reminds the instructor during the day before the meeting only', () => {
    expect(instructorReminderDue(start, before(25))).to.equal(false);
    expect(instructorReminderDue(start, before(24))).to.equal(true);
    expect(instructorReminderDue(start, before(1))).to.equal(true);
    expect(instructorReminderDue(start, start)).to.equal(false);
  });
});

describe('delivery ledger rules', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const live = new Date(now.getTime() + 1000);
  const lapsed = new Date(now.getTime() - 1000);

  it('lets the next generation be claimed only after a certain failure or an admin release', () => {
    expect(judge({ state: 'failed', leaseUntil: live }, now)).to.equal('next');
    expect(judge({ state: 'released', leaseUntil: live }, now)).to.equal('next');
    expect(judge({ state: 'submitting', leaseUntil: live }, now)).to.equal('busy');
  });

  it('treats a lapsed send as possibly delivered, never as free', () => {
    expect(judge({ state: 'submitting', leaseUntil: lapsed }, now)).to.equal('lapsed');
    expect(judge({ state: 'unknown', leaseUntil: lapsed }, now)).to.equal('uncertain');
  });
});

describe('SMTP failures', () => {
  const err = (props: Record<string, unknown>) => Object.assign(new Error('x'), props);

  it('retries refusals and unreachable servers, gives up on permanent refusals', () => {
    expect(classifySmtpError(err({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }))).to.equal('retry');
    expect(classifySmtpError(err({ code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' }))).to.equal('retry');
    expect(classifySmtpError(err({ code: 'EENVELOPE', responseCode: 451 }))).to.equal('retry');
    expect(classifySmtpError(err({ code: 'EENVELOPE', responseCode: 550 }))).to.equal('permanent');
  });

  it('counts a connection lost mid-conversation as possibly delivered', () => {
    expect(classifySmtpError(err({ code: 'ECONNECTION', command: 'CONN' }))).to.equal('uncertain');
    expect(classifySmtpError(err({ code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }))).to.equal('uncertain');
  });
});

describe('notice secrets', () => {
  it('opens what it sealed, and nothing sealed with another key or altered', () => {
    const box = new SecretBox('a'.repeat(40));
    const sealed = box.seal('token-123');
    expect(sealed).to.not.include('token-123');
    expect(box.open(sealed)).to.equal('token-123');
    expect(new SecretBox('b'.repeat(40)).open(sealed)).to.equal(null);
    const [iv, tag, body] = sealed.split('.');
    expect(box.open([iv, tag, body!.slice(0, -2) + (body!.endsWith('A') ? 'B' : 'A') + body!.slice(-1)].join('.'))).to.equal(null);
    expect(box.open('garbage')).to.equal(null);
  });
});

describe('notice values', () => {
  it('picks the reader language and shows instants in WIB', () => {
    const out = localiseParams({ course_id: 'Las Dasar', course_en: 'Basic Welding', start: '2026-12-02T01:00:00.000Z', room: 'A' }, 'en', formatters('en'));
    expect(out).to.deep.equal({ course: 'Basic Welding', start: '2 Dec 2026, 08:00 WIB', room: 'A' });
  });

  it('shows a calendar date as that same day in the reader language', () => {
    expect(localiseParams({ until: '2026-12-31', number: '12' }, 'id', formatters('id'))).to.deep.equal({ until: '31 Des 2026', number: '12' });
    expect(localiseParams({ until: '2027-01-01' }, 'en', formatters('en'))).to.deep.equal({ until: '1 Jan 2027' });
  });

  it('gives an expiry notice its count back as a number, also one stored with `days`, so that it reads "1 day"', () => {
    const en = createI18n().getFixedT('en');
    const text = (params: Record<string, string>) => en('notifications:kinds.cert-expiry', localiseParams({ scheme: 'SMAW', number: '7', until: '2027-01-01', ...params }, 'en', formatters('en')));
    expect(text({ count: '1' })).to.equal('Your SMAW certificate (7) is valid until 1 Jan 2027 — 1 day left.');
    expect(text({ count: '2' })).to.contain('— 2 days left.');
    expect(text({ days: '1' })).to.contain('— 1 day left.');
  });
});

describe('reminder rules', () => {
  it('reminds only at the configured hours (REMINDER_HOURS=24 turns the 2-hour reminder off)', () => {
    const start = new Date('2026-12-02T01:00:00Z');
    const before = (h: number) => new Date(start.getTime() - h * 3600 * 1000);
    const only24 = reminderOffsets([24]);
    expect(dueReminder(start, before(1), only24)).to.equal('24h');
    expect(dueReminder(start, before(25), only24)).to.equal(null);
    const three = reminderOffsets([2, 48, 24]);
    expect(three.map((o) => o.label)).to.deep.equal(['48h', '24h', '2h']);
    expect(dueReminder(start, before(30), three)).to.equal('48h');
    expect(dueReminder(start, before(5), three)).to.equal('24h');
  });

  it('picks the expiry notice due: the smallest of 90, 30, 7 and 0 days not below the days left', () => {
    expect([95, 91, 90, 31, 30, 8, 7, 1, 0, -1].map((d) => expiryMarkDue(d))).to.deep.equal([null, null, 90, 90, 30, 30, 7, 7, 0, null]);
    expect(expiryMarkDue(null)).to.equal(null);
  });

  it('warns a welder from five calendar months after the last use until the last day of validity', () => {
    expect(welderWarningDue('2026-06-29', '2026-12-29', '2026-11-28')).to.equal(false);
    expect(welderWarningDue('2026-06-29', '2026-12-29', '2026-11-29')).to.equal(true);
    expect(welderWarningDue('2026-06-29', '2026-12-29', '2026-12-29')).to.equal(true);
    expect(welderWarningDue('2026-06-29', '2026-12-29', '2026-12-30')).to.equal(false);
    // 31 September does not exist: five months after 30 April is 30 September; after 31 Mar, 31 Aug.
    expect(welderWarningDue('2026-03-31', '2026-09-30', '2026-08-31')).to.equal(true);
  });

  it('names ISO weeks, including the weeks that cross a year', () => {
    expect(isoWeek('2026-11-30')).to.equal('2026-W49');
    expect(isoWeek('2026-01-01')).to.equal('2026-W01');
    expect(isoWeek('2027-01-03')).to.equal('2026-W53');
    expect(isoWeek('2024-12-30')).to.equal('2025-W01');
  });
});
