import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../platform/clock';
import { verifyQuery } from './certificates.schemas';
import type { CertificatesService } from './certificates.service';
import { wordsFor } from './http-helpers';
import type { MissAnswer } from './verify-limits';

/**
 * Public verification, no login: a form to type the long code (under the QR) or the printed number
 * with its check code, and the page of a certificate showing only holder name, scheme, units, issue
 * date and status. Unknown codes get a 404 page, counted as a miss (verify-limits.ts) first; a wrong
 * check code gets exactly the page of an unknown number.
 */
export function verifyController(service: CertificatesService, clock: Clock, miss: MissAnswer) {
  // A page for the person checking a certificate (no login, no "home" button): what to check, and the
  // lookup forms again with what was typed. Still a 404, so scripts and caches see "not found".
  const notRegistered = (req: Request, res: Response, messageKey: string) => () => {
    const { number, check } = verifyQuery.parse(req.query);
    const code = typeof req.params.code === 'string' ? req.params.code.slice(0, 200) : '';
    res.status(404).render('certificates/verify-unknown', { messageKey, code, number: number ?? '', check: check ?? '' });
  };

  const form: RequestHandler = async (req, res) => {
    const { code, number, check } = verifyQuery.parse(req.query);
    if (code) return res.redirect(303, `/verify/${encodeURIComponent(code)}`);
    if (number === undefined && check === undefined) return res.render('certificates/verify-form', { code: '', number: '', check: '' });
    const cert = await service.verifyByNumber(number ?? '', check ?? '');
    if (!cert) return miss(req, res, notRegistered(req, res, 'certificates:verify.unknown_number'));
    res.render('certificates/verify', { cert, now: clock.now(), words: wordsFor(res) });
  };

  const show: RequestHandler = async (req, res) => {
    const cert = await service.verify(String(req.params.code));
    if (!cert) return miss(req, res, notRegistered(req, res, 'certificates:verify.unknown'));
    const credentialUrl = cert.external ? null : `/verify/${encodeURIComponent(String(req.params.code))}/credential`;
    res.render('certificates/verify', { cert, now: clock.now(), words: wordsFor(res), credentialUrl });
  };

  return { form, show };
}
