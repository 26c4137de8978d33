import type { RequestHandler, Response } from 'express';
import { NotFoundError } from '../../platform/errors';
import { fileNameOf } from './certificates.service';
import { STATUS_LIST_MAX_AGE_S, type CredentialsService, type SignedCredential } from './credentials.service';
import { actorOf } from './http-helpers';
import type { MissAnswer } from './verify-limits';

const VC_JWT = 'application/vc+jwt';

/** A download: it names a person, so no shared cache may keep it. */
function sendCredential(res: Response, c: SignedCredential): void {
  res.set({ 'Content-Type': VC_JWT, 'Content-Disposition': `attachment; filename="${fileNameOf(c.number)}.jwt"`, 'Cache-Control': 'private, no-store' }).send(c.jwt);
}

/**
 * Verifiable credentials of certificates: the holder's (and coordinators', managers') download, the
 * public one behind a verification code, the status lists, the issuer's keys.
 */
export function credentialsController(service: CredentialsService, miss: MissAnswer) {
  const download: RequestHandler = async (req, res) => {
    sendCredential(res, await service.credentialFor(actorOf(req), String(req.params.id)));
  };

  /** Unknown codes count as misses of the verification limits, as on /verify/:code. */
  const publicDownload: RequestHandler = async (req, res, next) => {
    const c = await service.publicCredential(String(req.params.code));
    if (!c) return miss(req, res, () => next(new NotFoundError()));
    sendCredential(res, c);
  };

  const statusList: RequestHandler = async (req, res) => {
    const list = /^[1-9]\d{0,5}$/.test(String(req.params.list)) ? Number(req.params.list) : 0;
    const jwt = await service.statusList(list);
    res.set({ 'Content-Type': VC_JWT, 'Cache-Control': `public, max-age=${STATUS_LIST_MAX_AGE_S}`, 'Access-Control-Allow-Origin': '*' }).send(jwt);
  };

  const publicJson = (res: Response, body: unknown) => res.set({ 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*' }).json(body);
  const jwks: RequestHandler = async (_req, res) => void publicJson(res, await service.jwks());
  const didDocument: RequestHandler = async (_req, res) => void publicJson(res.type('application/did+json'), await service.didDocument());

  return { download, publicDownload, statusList, jwks, didDocument };
}
