import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../platform/actor';
import { flash } from '../../platform/http/flash';
import { LATE_AFTER_MS } from './attendance.rules';
import { checkinCodeForm, qrPass } from './attendance.schemas';
import type { QrPass } from './checkin.codes';
import { CheckinRefusedError, type CheckinPage, type CheckinResult, type CheckinService } from './checkin.service';

const STATUS = { not_found: 404, forbidden: 403, conflict: 409, validation: 422 } as const;
const statusOf = (err: CheckinRefusedError) => STATUS[err.kind as keyof typeof STATUS] ?? 400;
const actorOf = (req: Request): Actor => req.user as Actor;

/** The check-in pages: the one a QR scan opens (POST checks in) and `/checkin`, where the code is typed. */
export function checkinController(deps: { checkin: CheckinService }) {
  const { checkin } = deps;

  const passOf = (req: Request): QrPass => {
    const parsed = qrPass.safeParse(req.params);
    if (!parsed.success) throw new CheckinRefusedError('unknown_token');
    return parsed.data;
  };
  const pathOf = (p: QrPass) => `/checkin/${p.meetingId}/${p.step}/${p.sig}`;

  const done = (req: Request, res: Response, result: CheckinResult) => {
    const key = result.outcome === 'recorded' ? `attendance:checkin.recorded.${result.record.status}` : 'attendance:checkin.already';
    flash(req, result.outcome === 'recorded' ? 'success' : 'info', key, { count: LATE_AFTER_MS / 60_000 });
    res.redirect(303, '/checkin');
  };

  /** A refusal is shown on the check-in page itself, in the user's language, with its 4xx status. */
  const refuse = async (req: Request, res: Response, err: CheckinRefusedError) => {
    let page: CheckinPage | null = null;
    if (err.reason !== 'unknown_token') page = await checkin.getCheckin(actorOf(req), passOf(req));
    res.status(statusOf(err)).render('attendance/checkin', { page, refusal: err, action: page ? pathOf(passOf(req)) : null });
  };

  const show: RequestHandler = async (req, res) => {
    try {
      const pass = passOf(req);
      const page = await checkin.getCheckin(actorOf(req), pass);
      if (!page.fresh) throw new CheckinRefusedError('expired');
      res.render('attendance/checkin', { page, refusal: null, action: pathOf(pass) });
    } catch (err) {
      if (!(err instanceof CheckinRefusedError)) throw err;
      await refuse(req, res, err);
    }
  };

  const checkIn: RequestHandler = async (req, res) => {
    try {
      done(req, res, await checkin.checkIn(actorOf(req), passOf(req)));
    } catch (err) {
      if (!(err instanceof CheckinRefusedError)) throw err;
      await refuse(req, res, err);
    }
  };

  /** "Absen sekarang": the camera scanner, with the typed code form on the same page for when the camera cannot. */
  const showScanner: RequestHandler = (_req, res) => {
    res.render('attendance/checkin-scan', { errors: {}, values: {} });
  };

  const showCodeForm: RequestHandler = (_req, res) => {
    res.render('attendance/checkin-enter', { errors: {}, values: {}, refusal: null });
  };

  const checkInWithCode: RequestHandler = async (req, res) => {
    const values = { code: typeof req.body?.code === 'string' ? req.body.code.slice(0, 20) : '' };
    const parsed = checkinCodeForm.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(422).render('attendance/checkin-enter', { errors: { code: 'attendance:validation.code' }, values, refusal: null });
      return;
    }
    try {
      done(req, res, await checkin.checkInWithCode(actorOf(req), parsed.data.code));
    } catch (err) {
      if (!(err instanceof CheckinRefusedError)) throw err;
      const errors = err.reason === 'wrong_code' ? { code: 'attendance:checkin.refused.wrong_code' } : {};
      res.status(statusOf(err)).render('attendance/checkin-enter', { errors, values, refusal: err.reason === 'wrong_code' ? null : err });
    }
  };

  return { show, checkIn, showScanner, showCodeForm, checkInWithCode };
}
