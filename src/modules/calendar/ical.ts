import ical, { ICalEventStatus, type ICalLuxonDateTimeStub } from 'ical-generator';
import { WIB_OFFSET_MS } from '../../platform/time';

export const TZID = 'Asia/Jakarta';

/**
 * VTIMEZONE for Asia/Jakarta: WIB is UTC+7 all year with no daylight saving (since 1964), so one
 * STANDARD block describes it completely and calendar apps need no outside tz database.
 */
export const JAKARTA_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
  `X-LIC-LOCATION:${TZID}`,
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:WIB',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/**
 * A UTC instant that prints as WIB wall-clock time. ical-generator formats a plain Date given a
 * TZID with the server's local getters (wrong unless the server runs in WIB); a Luxon-shaped object
 * is formatted through `toFormat`, which we answer from the fixed +7 offset.
 */
export class WibDateTime implements ICalLuxonDateTimeStub {
  readonly zone = { type: 'fixed' };
  constructor(private readonly instant: Date) {}
  get isValid(): boolean {
    return !Number.isNaN(this.instant.getTime());
  }
  setZone(): WibDateTime {
    return this;
  }
  toJSDate(): Date {
    return new Date(this.instant);
  }
  toJSON(): string {
    return this.instant.toISOString();
  }
  toFormat(fmt: string): string {
    const wall = new Date(this.instant.getTime() + WIB_OFFSET_MS).toISOString();
    if (fmt === 'yyyyLLdd') return wall.slice(0, 10).replace(/-/g, '');
    if (fmt === 'HHmmss') return wall.slice(11, 19).replace(/:/g, '');
    throw new Error(`unsupported format ${fmt}`);
  }
}

// Every Unicode line break (\r\n, \r, \n, VT, FF, FS/GS/RS, NEL, LS, PS): some parsers split on
// each of them, so each becomes one "\n" before escaping.
const LINE_BREAKS = /\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]/g;
// RFC 5545 TEXT allows no control characters except HTAB.
const CONTROLS = /[\x00-\x08\x0e-\x1f\x7f-\x9f]/g;

/**
 * A user-supplied value made safe for an iCalendar TEXT property: line breaks as one "\n", other
 * control characters dropped, and, with `escape`, RFC 5545 TEXT escaping (`\\`, `\;`, `\,`,
 * newline as `\n`) so no CR or LF stays raw in the value.
 *
 * Security: ical-generator 10.2 escapes SUMMARY, LOCATION, DESCRIPTION, event URL, categories,
 * attendee/organizer names and `x()` properties itself, but writes the calendar's NAME,
 * X-WR-CALNAME, X-WR-CALDESC, URL and SOURCE raw: a CR/LF in a course title or a user's name there
 * would add events to every subscriber's calendar. Values it escapes get `escape: false` (else they
 * would be escaped twice); values it writes raw get `escape: true`. Lines are folded at 75 octets by
 * ical-generator for the whole output.
 */
export function icsText(value: string, escape: boolean): string {
  const plain = value.replace(LINE_BREAKS, '\n').replace(CONTROLS, '');
  return escape ? plain.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n') : plain;
}

/** One VEVENT, in plain values. */
export interface IcsEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  url: string;
  cancelled: boolean;
  /** Last change: DTSTAMP, LAST-MODIFIED and the SEQUENCE derived from it. */
  updatedAt: Date;
}

const SEQUENCE_EPOCH = Date.UTC(2024, 0, 1);

/**
 * SEQUENCE must grow when an event changes so calendar apps replace their copy; seconds since a
 * fixed epoch of the last change grow with every save and need no counter stored anywhere.
 */
export function sequenceOf(updatedAt: Date): number {
  return Math.max(0, Math.floor((updatedAt.getTime() - SEQUENCE_EPOCH) / 1000));
}

/**
 * An iCalendar (RFC 5545) text: a VTIMEZONE for Asia/Jakarta and one VEVENT per event with
 * DTSTART/DTEND in WIB (TZID=Asia/Jakarta). DTSTAMP and LAST-MODIFIED are UTC ("Z").
 */
export function buildCalendar(opts: { name: string; language: string; events: readonly IcsEvent[]; ttlSeconds?: number }): string {
  // With events, the calendar-level zone keeps its name null: ical-generator would otherwise print
  // DTSTAMP and LAST-MODIFIED in local time without a TZID, which RFC 5545 forbids; the events carry
  // the TZID. Without events it is named, so the VTIMEZONE is still written and the calendar keeps
  // the one component RFC 5545 requires.
  const empty = opts.events.length === 0;
  const cal = ical({
    prodId: { company: 'LIK Takaru', product: 'Takaru Skills', language: opts.language.toUpperCase() },
    name: icsText(opts.name, true),
    timezone: { name: empty ? TZID : null, generator: (tz) => (tz === TZID ? JAKARTA_VTIMEZONE : null) },
    ttl: opts.ttlSeconds ?? null,
  });
  if (!empty) cal.x('X-WR-TIMEZONE', TZID);
  for (const e of opts.events) {
    cal.createEvent({
      id: e.uid,
      start: new WibDateTime(e.start),
      end: new WibDateTime(e.end),
      timezone: TZID,
      summary: icsText(e.summary, false),
      location: e.location ? icsText(e.location, false) : null,
      description: icsText(e.description, false),
      url: e.url,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: e.updatedAt,
      lastModified: e.updatedAt,
      sequence: sequenceOf(e.updatedAt),
    });
  }
  return cal.toString();
}
