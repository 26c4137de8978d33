import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../platform/actor';
import { flash } from '../../platform/http/flash';
import { LATE_AFTER_MS } from './attendance.rules';
import { checkinToken } from './attendance.schemas';
import { CheckinRefusedError, type CheckinPage, type CheckinService } from './checkin.service';

const STATUS = { not_found: 404, forbidden: 403, conflict: 409 } as const;
const actorOf = (req: Request): Actor => req.user as Actor;

/** The page a worker reaches by scanning the meeting's QR code; POST checks in. */
export function checkinController(deps: { checkin: CheckinService }) {
  const { checkin } = deps;

  const tokenOf = (req: Request): string => {
    const parsed = checkinToken.safeParse(req.params.token);
    if (!parsed.success) throw new CheckinRefusedError('unknown_token');
    return parsed.data;
  };

  /** A refusal is shown on the check-in page itself, in the user's language, with its 4xx status. */
  const refuse = async (req: Request, res: Response, err: CheckinRefusedError) => {
    let page: CheckinPage | null = null;
    if (err.reason !== 'unknown_token') page = await checkin.getCheckin(actorOf(req), tokenOf(req));
    res.status(STATUS[err.kind as keyof typeof STATUS] ?? 400).render('attendance/checkin', { page, refusal: err, token: req.params.token });
  };

  const show: RequestHandler = async (req, res) => {
    try {
      const token = tokenOf(req);
      res.render('attendance/checkin', { page: await checkin.getCheckin(actorOf(req), token), refusal: null, token });
    } catch (err) {
      if (!(err instanceof CheckinRefusedError)) throw err;
      await refuse(req, res, err);
    }
  };

  const checkIn: RequestHandler = async (req, res) => {
    try {
      const token = tokenOf(req);
      const result = await checkin.checkIn(actorOf(req), token);
      const key = result.outcome === 'recorded' ? `attendance:checkin.recorded.${result.record.status}` : 'attendance:checkin.already';
      flash(req, result.outcome === 'recorded' ? 'success' : 'info', key, { count: LATE_AFTER_MS / 60_000 });
      res.redirect(303, `/checkin/${encodeURIComponent(token)}`);
    } catch (err) {
      if (!(err instanceof CheckinRefusedError)) throw err;
      await refuse(req, res, err);
    }
  };

  return { show, checkIn };
}
