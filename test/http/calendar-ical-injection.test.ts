import { expect } from 'chai';
import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import { User } from '../../src/modules/accounts';
import { TrainingSession } from '../../src/modules/scheduling';
import { ManualClock } from '../../src/platform/clock';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { signIn } from '../support/http';
import { createCourse, createInstructor, createRoom, createSessionWithMeetings, createWorkerRecord, enrol } from '../support/calendar-factories';

// 1 Dec 2026, 07:00 WIB.
const NOW = '2026-12-01T00:00:00Z';
/** What a coordinator could type into a title to plant a phishing event in every subscriber's calendar. */
const EVIL = '\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Bawa KTP\r\nURL:https://evil.example\r\n';
/** Other line breaks some parsers split on, and the characters TEXT escaping must handle. */
const ODD = '\u2028X-A:1\u0085X-B:2\vX-C:3; a, b \\ c';

const TITLE = `Las${EVIL}Dasar${ODD}`;
const ROOM = `Ruang${EVIL}Satu`;
const TEACHER = `Pak${EVIL}Darto`;
const PERSON = `Budi${EVIL}Santoso`;

/** What a reader sees of a value: line breaks as "\n", other control characters gone. */
const seen = (s: string) => s.replace(/\r\n|[\r\v\u0085\u2028]/g, '\n');

function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** Checks the raw text: folded lines of at most 75 octets, exactly `count` events, no planted line. */
function expectClean(text: string, count: number): void {
  const lines = text.split('\r\n');
  for (const line of lines) expect(Buffer.byteLength(line), line).to.be.at.most(75);
  expect(lines.filter((l) => l === 'BEGIN:VEVENT')).to.have.length(count);
  expect(lines.filter((l) => l === 'END:VEVENT')).to.have.length(count);
  const content = unfold(text);
  expect(content.filter((l) => /^(SUMMARY:Bawa|URL:https:\/\/evil|X-[ABC]:)/.test(l))).to.deep.equal([]);
  // Every unfolded line is a property name followed by ":" or ";" — no stray value fragments.
  for (const line of content.filter(Boolean)) expect(line, JSON.stringify(line)).to.match(/^[A-Z][A-Z0-9-]*[;:]/);
  expect(text).not.to.match(/[\v\u0085\u2028]/);
}

function parse(text: string) {
  const all = Object.values(ical.sync.parseICS(text));
  const events = all.filter((c): c is VEvent => c?.type === 'VEVENT').sort((a, b) => a.start.getTime() - b.start.getTime());
  return { events, calendar: all.find((c) => c?.type === 'VCALENDAR') as Record<string, unknown> | undefined };
}

async function evilSession(instructorUser?: { _id: import('mongoose').Types.ObjectId }) {
  const created = await createSessionWithMeetings({
    course: await createCourse({ code: 'LAS-9', title: { id: TITLE, en: TITLE } }),
    room: await createRoom(ROOM),
    instructors: [await createInstructor({ name: TEACHER, ...(instructorUser ? { user: instructorUser._id } : {}) })],
    meetings: [['2026-12-07 08:00', '2026-12-07 12:00'], ['2026-12-08 08:00', '2026-12-08 12:00']],
  });
  await TrainingSession.updateOne({ _id: created.session._id }, { $set: { notes: `Catatan${EVIL}` } });
  return created;
}

function expectEvents(events: VEvent[], count: number): void {
  expect(events).to.have.length(count);
  for (const e of events) {
    expect(e.summary).to.equal(seen(`LAS-9 ${TITLE}`));
    expect(e.location).to.equal(seen(ROOM));
    expect(e.description).to.include(seen(TEACHER));
    const url = e.url as unknown as string | { val: string };
    expect(typeof url === 'string' ? url : url.val).to.match(/^http:\/\/skills\.takaru\.test\/sessions\/[a-f0-9]{24}$/);
  }
}

describe('iCalendar output with hostile names', () => {
  it('escapes a session .ics so titles, rooms and names cannot add events', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const { session } = await evilSession();

    const res = await koor.get(`/sessions/${session.id}.ics`).expect(200);
    expectClean(res.text, 2);
    const { events, calendar } = parse(res.text);
    expectEvents(events, 2);
    expect(calendar?.['WR-CALNAME']).to.equal(seen(`LAS-9 ${TITLE}`));
  });

  it("escapes a worker's personal feed, the account name in its title included", async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const user = await createUser({ email: 'pekerja@t.test', roles: ['worker'], name: PERSON });
    const worker = await createWorkerRecord({ user: user._id, workshop: user.workshop! });
    await (await signIn(app, 'pekerja@t.test', PASSWORD)).get('/my/schedule').expect(200);
    const token = (await User.findById(user._id).lean())!.calendarToken!;
    const { session } = await evilSession();
    await enrol(session, worker);

    const res = await request(app).get(`/ical/${token}.ics`).expect(200);
    expectClean(res.text, 2);
    const { events, calendar } = parse(res.text);
    expectEvents(events, 2);
    expect(calendar?.['WR-CALNAME']).to.equal(`Takaru Skills – Jadwal ${seen(PERSON)}`);
  });

  it("escapes an instructor's personal feed", async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const user = await createUser({ email: 'ins@t.test', roles: ['instructor'], name: TEACHER });
    await (await signIn(app, 'ins@t.test', PASSWORD)).get('/my/schedule').expect(200);
    const token = (await User.findById(user._id).lean())!.calendarToken!;
    await evilSession(user);

    const res = await request(app).get(`/ical/${token}.ics`).expect(200);
    expectClean(res.text, 2);
    const { events, calendar } = parse(res.text);
    expectEvents(events, 2);
    expect(calendar?.['WR-CALNAME']).to.equal(`Takaru Skills – Jadwal ${seen(TEACHER)}`);
  });
});
