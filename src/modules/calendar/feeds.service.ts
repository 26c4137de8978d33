import { randomBytes } from 'node:crypto';
import type { i18n } from 'i18next';
import { trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import { isLanguage, type Language } from '../../platform/i18n';
import { User } from '../accounts';
import { Course } from '../catalogue';
import { TrainingSession, workerEnrolments } from '../scheduling';
import { Worker } from '../workers';
import { assertHasSchedule, canDownloadSession } from './calendar.policy';
import { feedToken, sessionId as sessionIdSchema } from './calendar.schemas';
import { buildCalendar, type IcsEvent } from './ical';
import { loadSessionMeetingRows, titleIn, type MeetingRow } from './meeting-rows';
import type { ScheduleService } from './schedule.service';

const DAY_MS = 24 * 3600 * 1000;
/** The personal feed's window: far enough back for the last term, a year ahead. */
export const FEED_DAYS_BACK = 90;
export const FEED_DAYS_AHEAD = 365;

export interface FeedLinks {
  /** https (or http) URL: what calendar apps subscribe to. */
  url: string;
  /** The same as webcal://, which phones open in their calendar app. */
  webcal: string;
}

/** iCalendar files: one session's download, and each user's personal feed behind a secret, revocable token. */
export class FeedService {
  private readonly host: string;
  private readonly creating = new Map<string, Promise<string>>();

  constructor(
    private readonly deps: { clock: Clock; i18n: i18n; appUrl: string; schedule: ScheduleService },
  ) {
    this.host = new URL(deps.appUrl).hostname;
  }

  /** The user's feed token, created on first use (32 random bytes, base64url). */
  async ensureToken(actor: Actor): Promise<string> {
    assertHasSchedule(actor);
    // Two first visits at once (a double tap) must agree on one token. The conditional update below
    // is not atomic on FerretDB, so within a process the calls for one user share one promise; across
    // processes the conditional update still makes a second token all but impossible.
    const running = this.creating.get(actor.id);
    if (running) return running;
    const work = this.readOrCreateToken(actor.id).finally(() => this.creating.delete(actor.id));
    this.creating.set(actor.id, work);
    return work;
  }

  private async readOrCreateToken(userId: string): Promise<string> {
    const user = await User.findById(userId, { calendarToken: 1 }).lean();
    if (!user) throw new NotFoundError();
    if (user.calendarToken) return user.calendarToken;
    await User.updateOne({ _id: userId, calendarToken: trusted({ $exists: false }) }, { $set: { calendarToken: newToken() } });
    const after = await User.findById(userId, { calendarToken: 1 }).lean();
    return after!.calendarToken!;
  }

  /** Replaces the user's feed token: the old feed URL stops working at once (404). Returns the new token. */
  async revokeToken(actor: Actor): Promise<string> {
    assertHasSchedule(actor);
    const token = newToken();
    const res = await User.updateOne({ _id: actor.id }, { $set: { calendarToken: token } });
    if (res.matchedCount === 0) throw new NotFoundError();
    return token;
  }

  /**
   * What revokeToken would end (the confirmation page): the current feed address, by its last
   * characters — enough to recognise it in a calendar app.
   */
  async previewRevoke(actor: Actor): Promise<{ urlTail: string }> {
    const token = await this.ensureToken(actor);
    return { urlTail: `…${token.slice(-6)}.ics` };
  }

  /** Absolute feed links from the configured application URL, never from a request's Host header. */
  feedLinks(token: string): FeedLinks {
    const url = `${this.deps.appUrl}/ical/${token}.ics`;
    return { url, webcal: url.replace(/^https?:\/\//, 'webcal://') };
  }

  /**
   * The personal feed for a token, without login: the user's enrolled and taught meetings from 90
   * days back to a year ahead, cancelled ones marked STATUS:CANCELLED. Unknown or revoked token, or
   * a deactivated account → NotFoundError.
   */
  async personalFeed(token: string): Promise<string> {
    if (!feedToken.safeParse(token).success) throw new NotFoundError();
    const user = await User.findOne({ calendarToken: token }, { name: 1, roles: 1, language: 1, active: 1 }).lean();
    if (!user || !user.active) throw new NotFoundError();
    const lng: Language = isLanguage(user.language) ? user.language : 'id';
    const now = this.deps.clock.now().getTime();
    const meetings = await this.deps.schedule.meetingsForUser(
      { id: String(user._id), roles: user.roles },
      new Date(now - FEED_DAYS_BACK * DAY_MS),
      new Date(now + FEED_DAYS_AHEAD * DAY_MS),
      lng,
    );
    const t = this.deps.i18n.getFixedT(lng);
    return buildCalendar({
      name: t('calendar:ics.feed_name', { name: user.name }),
      language: lng,
      events: meetings.map((m) => this.toEvent(m, lng)),
      ttlSeconds: 3600,
    });
  }

  /**
   * One session as an .ics download: its meetings that are not cancelled (all marked cancelled
   * when the whole session is). Throws NotFoundError for an unknown session, ForbiddenError when
   * the actor may not see it (see canDownloadSession).
   */
  async sessionIcs(actor: Actor, id: string, lng: Language): Promise<{ filename: string; body: string }> {
    if (!sessionIdSchema.safeParse(id).success) throw new NotFoundError();
    const session = await TrainingSession.findById(id, { course: 1, state: 1 }).lean();
    if (!session) throw new NotFoundError();
    if (!canDownloadSession(actor, session, await holdsPlace(actor, id))) throw new ForbiddenError();
    const course = await Course.findById(session.course, { code: 1, title: 1 }).lean();
    const meetings = (await loadSessionMeetingRows(id, lng)).filter((m) => !m.cancelled || session.state === 'cancelled');
    const title = course ? `${course.code} ${titleIn(course, lng)}` : id;
    const code = (course?.code ?? 'sesi').replace(/[^A-Za-z0-9-]/g, '-');
    return {
      filename: `${code}-${id}.ics`,
      body: buildCalendar({ name: title, language: lng, events: meetings.map((m) => this.toEvent(m, lng)) }),
    };
  }

  private toEvent(m: MeetingRow, lng: Language): IcsEvent {
    const t = this.deps.i18n.getFixedT(lng);
    const url = `${this.deps.appUrl}/sessions/${m.sessionId}`;
    const lines = [
      m.cancelled ? t('calendar:ics.cancelled') : '',
      m.instructorNames.length > 0 ? t('calendar:ics.instructors', { names: m.instructorNames.join(', ') }) : '',
      t('calendar:ics.details', { url }),
    ];
    return {
      uid: `meeting-${m.id}@${this.host}`,
      start: m.start,
      end: m.end,
      summary: `${m.courseCode} ${m.courseTitle}`.trim(),
      location: m.roomName,
      description: lines.filter(Boolean).join('\n'),
      url,
      cancelled: m.cancelled,
      updatedAt: m.updatedAt,
    };
  }
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether the actor, as a worker, is enrolled or wait-listed in the session. */
async function holdsPlace(actor: Actor, sessionId: string): Promise<boolean> {
  if (!actor.roles.includes('worker')) return false;
  const worker = await Worker.findOne({ user: actor.id }, { _id: 1 }).lean();
  if (!worker) return false;
  const mine = (await workerEnrolments.get(String(worker._id))).enrolments;
  return mine.some((e) => e.session === String(sessionId) && (e.status === 'enrolled' || e.status === 'waitlisted'));
}
