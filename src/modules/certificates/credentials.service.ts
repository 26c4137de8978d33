import { SignJWT, importJWK, type JWK } from 'jose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { wibToUtc } from '../../platform/time';
import { certificateOfCode } from './certificate-list.cache';
import { numberOf, unitsOf, type LeanCertificate } from './certificate.view';
import type { CertificatesService } from './certificates.service';
import { VERIFY_CODE } from './certificates.schemas';
import { didDocumentOf, issuerDid, jwksOf, keyIdOf, openBadgeCredential, statusListCredential, VC_JWT_TYPE } from './credential';
import { evidenceOf } from './evidence';
import { verifyUrl } from './qr';
import { loadOrCreateSigningKey, type KeyPairJwk } from './signing-key';
import { encodeList, revocationsVersion, revokedIndexes, statusEntryOf } from './status-list';
import { certificateStatus } from './validity';

/** How long verifiers and this process may keep a status list: a revocation shows within this time everywhere. */
export const STATUS_LIST_MAX_AGE_S = 300;

export interface SignedCredential {
  jwt: string;
  /** For the download's file name. */
  number: string;
}

type Signer = { key: KeyPairJwk; privateKey: CryptoKey | Uint8Array };

/**
 * Signed credentials of certificates (Open Badges 3.0 / VC 2.0 as a JWT) and the revocation status
 * lists they point to; the public key as a JWK Set and a did:web document.
 */
export class CredentialsService {
  private signer: Promise<Signer> | null = null;
  private readonly lists = new Map<number, { version: string; builtAt: number; jwt: string }>();
  private readonly building = new Map<string, Promise<string>>();

  constructor(private readonly deps: { clock: Clock; appUrl: string; certificates: CertificatesService }) {}

  /**
   * The credential of a certificate the actor may read (the holder, coordinators, admins, managers for their workshop).
   * @throws NotFoundError as getCertificate does, and for a history entry (another body's certificate: we do not sign it)
   */
  async credentialFor(actor: Actor, id: string): Promise<SignedCredential> {
    return this.sign(await this.deps.certificates.readable(actor, id));
  }

  /** The credential behind a public verification code; null when the code is unknown. @throws NotFoundError for a history entry */
  async publicCredential(code: string): Promise<SignedCredential | null> {
    if (!VERIFY_CODE.test(code)) return null;
    // By the list's process copy and `_id`, not a filter on `verifyCode` (a scan on FerretDB).
    const c = await certificateOfCode(code);
    return c ? this.sign(c) : null;
  }

  /**
   * The signed status list credential of `list`, rebuilt from the certificates' revocation state when
   * a revocation happened since (a version read by `_id`); refreshed in the background when older than the max age.
   * @throws NotFoundError for a list that does not exist
   */
  async statusList(list: number): Promise<string> {
    if (!Number.isSafeInteger(list) || list < 1) throw new NotFoundError();
    const now = this.deps.clock.now();
    const version = await revocationsVersion();
    const cached = this.lists.get(list);
    // A rebuild scans (seconds at 20,000 certificates on FerretDB): requests arriving meanwhile share one.
    const key = `${list}:${version}`;
    const rebuild = () => {
      let build = this.building.get(key);
      if (!build) {
        build = this.build(list, version, now).finally(() => this.building.delete(key));
        this.building.set(key, build);
      }
      return build;
    };
    if (cached && cached.version === version) {
      // No revocation since: the age limit only covers a revocation whose version write was lost,
      // so the refresh runs behind this answer instead of making it wait.
      if (Date.now() - cached.builtAt >= STATUS_LIST_MAX_AGE_S * 1000) rebuild().catch(() => undefined);
      return cached.jwt;
    }
    return rebuild();
  }

  private async build(list: number, version: string, now: Date): Promise<string> {
    const builtAt = Date.now();
    const revoked = await revokedIndexes(list);
    if (!revoked) throw new NotFoundError();
    const jwt = await this.signPayload(statusListCredential(this.deps.appUrl, list, encodeList(revoked), now, STATUS_LIST_MAX_AGE_S * 1000));
    this.lists.set(list, { version, builtAt, jwt });
    return jwt;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    const { key } = await this.loadSigner();
    return jwksOf(this.deps.appUrl, key.thumbprint, key.publicJwk);
  }

  async didDocument(): Promise<Record<string, unknown>> {
    const { key } = await this.loadSigner();
    return didDocumentOf(this.deps.appUrl, key.thumbprint, key.publicJwk);
  }

  private async sign(c: LeanCertificate): Promise<SignedCredential> {
    if (c.source === 'history') throw new NotFoundError();
    const now = this.deps.clock.now();
    const evidence = (await evidenceOf([c.worker])).get(String(c.worker)) ?? [];
    const state = certificateStatus(c, evidence, now);
    const status = await statusEntryOf(c._id, now);
    const payload = openBadgeCredential(this.deps.appUrl, {
      verifyUrl: verifyUrl(this.deps.appUrl, c.verifyCode),
      number: numberOf(c),
      holderName: c.holderName,
      schemeId: String(c.scheme),
      schemeName: c.schemeName,
      kkniLevel: c.kkniLevel,
      issuingBody: c.issuingBody,
      units: unitsOf(c),
      issueDate: c.issueDate,
      endsAt: state.endsOn ? wibToUtc(state.endsOn, '00:00') : null,
      status,
    });
    return { jwt: await this.signPayload(payload), number: numberOf(c) };
  }

  /** VC-JOSE: the credential is the JWT's payload; `iss` and `jti` repeat its issuer and id for JWT tooling. */
  private async signPayload(payload: Record<string, unknown>): Promise<string> {
    const { key, privateKey } = await this.loadSigner();
    const claims: Record<string, unknown> = { ...payload, iss: issuerDid(this.deps.appUrl), jti: payload.id, iat: Math.floor(this.deps.clock.now().getTime() / 1000) };
    return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: VC_JWT_TYPE, cty: 'vc', kid: keyIdOf(this.deps.appUrl, key.thumbprint) }).sign(privateKey);
  }

  private loadSigner(): Promise<Signer> {
    this.signer ??= (async () => {
      const key = await loadOrCreateSigningKey(this.deps.clock.now());
      return { key, privateKey: await importJWK(key.privateJwk, 'EdDSA') };
    })();
    // A failed load (database down) is not kept: the next request tries again.
    this.signer.catch(() => (this.signer = null));
    return this.signer;
  }
}
