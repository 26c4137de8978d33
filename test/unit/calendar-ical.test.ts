import { expect } from 'chai';
import ical, { type VEvent } from 'node-ical';
import { buildCalendar, icsText, sequenceOf, type IcsEvent } from '../../src/modules/calendar/ical';

const event = (over: Partial<IcsEvent> = {}): IcsEvent => ({
  uid: 'meeting-abc@skills.takaru.test',
  start: new Date('2026-12-01T01:00:00Z'), // 08:00 WIB
  end: new Date('2026-12-01T05:00:00Z'), // 12:00 WIB
  summary: 'LAS-01 Las SMAW dasar; pelat, 3G',
  location: 'Bengkel Las 1',
  description: 'Instruktur: Pak Darto\nRincian kelas: http://skills.takaru.test/sessions/1',
  url: 'http://skills.takaru.test/sessions/1',
  cancelled: false,
  updatedAt: new Date('2026-11-20T03:04:05Z'),
  ...over,
});

function events(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

describe('iCalendar output', () => {
  it('writes WIB wall-clock times with TZID Asia/Jakarta and a +07:00 VTIMEZONE', () => {
    const text = buildCalendar({ name: 'Uji', language: 'id', events: [event()] });
    expect(text).to.include('DTSTART;TZID=Asia/Jakarta:20261201T080000');
    expect(text).to.include('DTEND;TZID=Asia/Jakarta:20261201T120000');
    expect(text).to.match(/BEGIN:VTIMEZONE\r\nTZID:Asia\/Jakarta\r\n[\s\S]*TZOFFSETTO:\+0700[\s\S]*END:VTIMEZONE/);
    expect(text).to.include('DTSTAMP:20261120T030405Z');
    expect(text).to.include('LAST-MODIFIED:20261120T030405Z');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).to.equal(true);
    const [e] = events(text);
    expect(e!.start.toISOString()).to.equal('2026-12-01T01:00:00.000Z');
    expect(e!.end!.toISOString()).to.equal('2026-12-01T05:00:00.000Z');
    expect(e!.start.tz).to.equal('Asia/Jakarta');
    expect(e!.uid).to.equal('meeting-abc@skills.takaru.test');
    expect(e!.summary).to.equal('LAS-01 Las SMAW dasar; pelat, 3G');
    expect(e!.location).to.equal('Bengkel Las 1');
    expect(e!.status).to.equal('CONFIRMED');
  });

  it('keeps a meeting at 06:00 WIB on its WIB day although it is the previous day in UTC', () => {
    const text = buildCalendar({ name: 'Uji', language: 'id', events: [event({ start: new Date('2026-11-30T23:00:00Z'), end: new Date('2026-12-01T01:00:00Z') })] });
    expect(text).to.include('DTSTART;TZID=Asia/Jakarta:20261201T060000');
    expect(events(text)[0]!.start.toISOString()).to.equal('2026-11-30T23:00:00.000Z');
  });

  it("writes the same WIB times whatever the server's own time zone is", () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York'; // has daylight saving: a local-time bug would show here
      const text = buildCalendar({ name: 'Uji', language: 'id', events: [event()] });
      expect(text).to.include('DTSTART;TZID=Asia/Jakarta:20261201T080000');
      expect(text).to.include('DTSTAMP:20261120T030405Z');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('marks cancelled meetings STATUS:CANCELLED and raises SEQUENCE when a meeting changes', () => {
    const before = event();
    const after = event({ cancelled: true, updatedAt: new Date('2026-11-21T00:00:00Z') });
    const [e1] = events(buildCalendar({ name: 'Uji', language: 'id', events: [before] }));
    const [e2] = events(buildCalendar({ name: 'Uji', language: 'id', events: [after] }));
    expect(e2!.status).to.equal('CANCELLED');
    expect(e2!.uid).to.equal(e1!.uid);
    expect(Number(e2!.sequence)).to.be.greaterThan(Number(e1!.sequence));
    expect(sequenceOf(new Date('2020-01-01'))).to.equal(0);
  });

  it('still writes a valid calendar with no events', () => {
    const text = buildCalendar({ name: 'Kosong', language: 'en', events: [] });
    expect(text).to.match(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:/);
    expect(text).to.include('BEGIN:VTIMEZONE');
    expect(text.trimEnd().endsWith('END:VCALENDAR')).to.equal(true);
    expect(events(text)).to.deep.equal([]);
  });

  it('escapes TEXT for the properties ical-generator writes raw, and only normalises the others', () => {
    expect(icsText('a\\b; c, d\r\nBEGIN:VEVENT', true)).to.equal('a\\\\b\\; c\\, d\\nBEGIN:VEVENT');
    expect(icsText('x\ry\u2028z\u0085w\vv\u0000\u001b!', false)).to.equal('x\ny\nz\nw\nv!');
    expect(icsText('x\u2028y', true)).to.equal('x\\ny');
  });
});
