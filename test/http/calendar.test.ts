import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { mainText, signIn } from '../support/http';
import { createCourse, createInstructor, createRoom, createSessionWithMeetings } from '../support/calendar-factories';

/** The part of a calendar page for one WIB day: from its <time datetime> to the next day's. */
function day(html: string, date: string): string {
  const parts = html.split('<time datetime="');
  const part = parts.find((p) => p.startsWith(`${date}"`));
  if (!part) throw new Error(`day ${date} not on the page`);
  return mainText(`<main>${part.slice(date.length + 2)}</main>`);
}

// 1 Dec 2026, 07:00 WIB.
const NOW = '2026-12-01T00:00:00Z';

async function setup() {
  const ctx = buildApp({ clock: new ManualClock(NOW) });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  return { ...ctx, agent: await signIn(ctx.app, 'koor@t.test', PASSWORD) };
}

describe('calendar: month and week views', () => {
  it('lists each meeting on its WIB day, also an early meeting that is the previous day in UTC', async () => {
    const { agent } = await setup();
    const course = await createCourse({ code: 'LAS-01', title: { id: 'Las SMAW Dasar', en: 'Basic SMAW Welding' } });
    const room = await createRoom('Bengkel Las 1');
    // 06:00 WIB on 10 Dec is 23:00 UTC on 9 Dec.
    const { session } = await createSessionWithMeetings({ course, room, meetings: [['2026-12-10 06:00', '2026-12-10 08:00'], ['2026-12-11 13:00', '2026-12-11 16:30']] });

    const res = await agent.get('/calendar?view=month&date=2026-12-15').expect(200);
    expect(mainText(res.text)).to.include('Desember 2026');
    expect(day(res.text, '2026-12-10')).to.include('06.00–08.00 WIB').and.include('LAS-01 Las SMAW Dasar').and.include('Bengkel Las 1');
    expect(day(res.text, '2026-12-09')).not.to.include('LAS-01');
    expect(day(res.text, '2026-12-11')).to.include('13.00–16.30 WIB');
    expect(res.text).to.include(`href="/sessions/${session.id}"`);

    const en = await agent.get('/calendar?view=month&date=2026-12-15&lng=en').expect(200);
    expect(day(en.text, '2026-12-10')).to.include('06:00–08:00 WIB').and.include('Basic SMAW Welding');
  });

  it('shows one Monday–Sunday week with links to the weeks before and after, keeping the filters', async () => {
    const { agent } = await setup();
    const room = await createRoom();
    await createSessionWithMeetings({ room, course: await createCourse({ code: 'IN-WEEK' }), meetings: [['2026-12-13 08:00', '2026-12-13 12:00']] });
    await createSessionWithMeetings({ room, course: await createCourse({ code: 'NEXT-WEEK' }), meetings: [['2026-12-14 08:00', '2026-12-14 12:00']] });

    const res = await agent.get(`/calendar?view=week&date=2026-12-10&room=${room.id}`).expect(200);
    const text = mainText(res.text);
    expect(text).to.include('7 Des 2026 – 13 Des 2026');
    expect(day(res.text, '2026-12-13')).to.include('IN-WEEK');
    expect(text).not.to.include('NEXT-WEEK');
    expect(res.text).to.include(`href="/calendar?view=week&amp;date=2026-11-30&amp;room=${room.id}" rel="prev"`);
    expect(res.text).to.include(`href="/calendar?view=week&amp;date=2026-12-14&amp;room=${room.id}" rel="next"`);
    expect(res.text).to.include(`href="/calendar?view=month&amp;date=2026-12-10&amp;room=${room.id}"`);
  });

  it('filters by trade, room and instructor', async () => {
    const { agent } = await setup();
    const [bayA, bayB] = [await createRoom('Bengkel Las 2'), await createRoom('Mesin Bubut 1')];
    const [darto, sri] = [await createInstructor({ name: 'Darto' }), await createInstructor({ name: 'Sri' })];
    await createSessionWithMeetings({ course: await createCourse({ code: 'WELD-9', trade: 'welding' }), room: bayA, instructors: [darto], meetings: [['2026-12-03 08:00', '2026-12-03 12:00']] });
    await createSessionWithMeetings({ course: await createCourse({ code: 'LATHE-9', trade: 'machining' }), room: bayB, instructors: [sri], meetings: [['2026-12-04 08:00', '2026-12-04 12:00']] });

    const all = mainText((await agent.get('/calendar?date=2026-12-01').expect(200)).text);
    expect(all).to.include('WELD-9').and.include('LATHE-9');
    const byTrade = await agent.get('/calendar?date=2026-12-01&trade=machining').expect(200);
    expect(mainText(byTrade.text)).to.include('LATHE-9').and.not.include('WELD-9');
    expect(byTrade.text).to.include('<option value="machining" selected>');
    const byRoom = mainText((await agent.get(`/calendar?date=2026-12-01&room=${bayA.id}`).expect(200)).text);
    expect(byRoom).to.include('WELD-9').and.not.include('LATHE-9');
    const byInstructor = mainText((await agent.get(`/calendar?date=2026-12-01&instructor=${sri.id}`).expect(200)).text);
    expect(byInstructor).to.include('LATHE-9').and.not.include('WELD-9');
    const noMatch = mainText((await agent.get(`/calendar?date=2026-12-01&trade=welding&instructor=${sri.id}`).expect(200)).text);
    expect(noMatch).to.include('Tidak ada pertemuan pada periode ini.').and.not.include('WELD-9');
  });

  it('strikes through cancelled meetings and cancelled sessions and says so in words', async () => {
    const { agent } = await setup();
    await createSessionWithMeetings({ course: await createCourse({ code: 'ONE-OFF' }), cancelledMeetings: [0], meetings: [['2026-12-02 08:00', '2026-12-02 10:00'], ['2026-12-03 08:00', '2026-12-03 10:00']] });
    await createSessionWithMeetings({ course: await createCourse({ code: 'ALL-OFF' }), state: 'cancelled', meetings: [['2026-12-04 08:00', '2026-12-04 10:00']] });
    const res = await agent.get('/calendar?date=2026-12-01').expect(200);
    expect(day(res.text, '2026-12-02')).to.include('ONE-OFF').and.include('dibatalkan');
    expect(day(res.text, '2026-12-03')).to.include('ONE-OFF').and.not.include('dibatalkan');
    expect(day(res.text, '2026-12-04')).to.include('ALL-OFF').and.include('dibatalkan');
    expect(res.text).to.match(/<s><span class="cal-time">08\.00–10\.00 WIB<\/span>\s*<span class="cal-course"><strong>ONE-OFF/);
  });

  it('shows this month, marking today, when the date is missing or not a real date', async () => {
    const { agent } = await setup();
    for (const url of ['/calendar', '/calendar?date=2026-02-30&view=year', '/calendar?date[$gt]=x']) {
      const res = await agent.get(url).expect(200);
      expect(mainText(res.text), url).to.include('Desember 2026');
      expect(day(res.text, '2026-12-01'), url).to.include('hari ini');
    }
  });

  it('is open to coordinators, admins, instructors and managers, not to workers', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    for (const role of ['admin', 'instructor', 'manager'] as const) {
      await createUser({ email: `${role}@t.test`, roles: [role] });
      await (await signIn(app, `${role}@t.test`, PASSWORD)).get('/calendar').expect(200);
    }
    await createUser({ email: 'worker@t.test', roles: ['worker'] });
    await (await signIn(app, 'worker@t.test', PASSWORD)).get('/calendar').expect(403);
  });
});
