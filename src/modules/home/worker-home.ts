import type { Actor } from '../../platform/actor';
import type { Language } from '../../platform/i18n';
import { checkinTiming, checkinWindow } from '../attendance';
import type { MeetingRow } from '../calendar';
import type { CertificateRow } from '../certificates';
import type { GapClass } from '../competencies';
import type { InboxItem } from '../notifications';
import type { HomeSources } from './home.sources';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far ahead the next meeting is looked for (the personal schedule's page length). */
export const NEXT_MEETING_DAYS = 60;
/** A meeting that started up to this long ago may still be running (its check-in open until its end). */
const RUNNING_LOOKBACK_MS = 12 * HOUR_MS;
export const WORKER_LIMITS = { notices: 3, certificates: 3, gaps: 5 } as const;

export interface WorkerHome {
  next: (MeetingRow & { checkin: 'open' | 'later' | 'closed'; checkinOpens: Date; inProgress: boolean }) | null;
  notices: InboxItem[];
  certificates: { items: CertificateRow[]; total: number };
  gaps: { items: { unitId: string; code: string; title: string; gap: number; required: number | null; current: number | null; openClass: GapClass | null }[]; total: number };
}

/** Certificates a worker must act on: expiring within 90 days (a continuity one is about to lapse), lapsed, or needing a re-test. */
function needsAction(c: CertificateRow): boolean {
  if (c.renewed || c.revocation) return false;
  return c.state.status === 'expiring' || c.state.status === 'lapsed' || c.state.needsRetest;
}

/**
 * "What now?" for a worker: their next meeting (with check-in when its window is open), unread
 * notices, certificates to act on and skill gaps with the open class that closes each — only the
 * actor's own (every source is read for the actor, never for a given id).
 */
export async function workerHome(src: HomeSources, actor: Actor, lng: Language): Promise<WorkerHome> {
  const now = src.now();
  const [meetings, notices, certs, gaps] = await Promise.all([
    src.meetingsOfUser(actor, new Date(now.getTime() - RUNNING_LOOKBACK_MS), new Date(now.getTime() + NEXT_MEETING_DAYS * DAY_MS), lng),
    src.unreadNotices(actor, WORKER_LIMITS.notices),
    src.myCertificates(actor),
    src.mySkillGaps(actor, lng),
  ]);
  const m = meetings.find((x) => x.as === 'attending' && !x.cancelled && x.end.getTime() > now.getTime()) ?? null;
  const timing = m ? checkinTiming(m, now) : null;
  const shownGaps = gaps.slice().sort((a, b) => b.gap - a.gap).slice(0, WORKER_LIMITS.gaps);
  const classes = await src.openClassesForUnits(shownGaps.map((g) => g.unitId), lng);
  const acting = certs.filter(needsAction).sort((a, b) => (a.state.daysLeft ?? -1) - (b.state.daysLeft ?? -1));
  return {
    next: m
      ? {
          ...m,
          checkin: timing === 'present' || timing === 'late' ? 'open' : timing === 'too_early' ? 'later' : 'closed',
          checkinOpens: checkinWindow(m).opens,
          inProgress: m.start.getTime() <= now.getTime(),
        }
      : null,
    notices,
    certificates: { items: acting.slice(0, WORKER_LIMITS.certificates), total: acting.length },
    gaps: {
      items: shownGaps.map((g) => ({ unitId: g.unitId, code: g.code, title: g.title, gap: g.gap, required: g.required, current: g.current, openClass: classes.get(g.unitId) ?? null })),
      total: gaps.length,
    },
  };
}
