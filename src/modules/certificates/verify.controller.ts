import type { RequestHandler } from 'express';
import type { Clock } from '../../platform/clock';
import { verifyQuery } from './certificates.schemas';
import type { CertificatesService } from './certificates.service';
import { wordsFor } from './http-helpers';

/**
 * Public verification, no login: a form to type a code, and the page of a code showing only holder
 * name, scheme, units, issue date and status. Unknown codes get a 404 page. Rate-limited per address
 * (the routes) so codes cannot be guessed; the codes themselves are 192-bit random tokens.
 */
export function verifyController(service: CertificatesService, clock: Clock) {
  const form: RequestHandler = (req, res) => {
    const { code } = verifyQuery.parse(req.query);
    if (code) return res.redirect(303, `/verify/${encodeURIComponent(code)}`);
    res.render('certificates/verify-form', { code: '' });
  };

  const show: RequestHandler = async (req, res) => {
    const cert = await service.verify(String(req.params.code));
    if (!cert) {
      res.status(404).render('errors/error', { status: 404, messageKey: 'certificates:verify.unknown', messageParams: {}, requestId: req.id });
      return;
    }
    res.render('certificates/verify', { cert, now: clock.now(), words: wordsFor(res) });
  };

  return { form, show };
}
