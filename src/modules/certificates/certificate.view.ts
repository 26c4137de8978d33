import type { Types } from 'mongoose';
import { REVOCATION_CATEGORIES, type RevocationCategory } from './certificate.model';
import type { IssuerKind } from './scheme.model';
import type { CertificateState, ValidityRule } from './validity';

/** What any reader may learn of a revocation: when and the category, never the free-text reason. */
export interface Revocation {
  at: Date;
  category: RevocationCategory;
}

/** The certificate that renewed this one, for "renewed as <number>" with its verification link. */
export interface Successor {
  number: string;
  verifyCode: string;
}

/** A certificate as lists show it. `number` is its identity: the original's number for a history entry. */
export interface CertificateRow {
  id: string;
  number: string;
  /** Entered from history: another body's certificate, recorded with its scan, never reprinted by us. */
  external: boolean;
  verifyCode: string;
  holderName: string;
  workerId: string;
  workshopName: string;
  schemeName: string;
  kkniLevel: number;
  issueDate: Date;
  validity: ValidityRule;
  state: CertificateState;
  revocation: Revocation | null;
  renewedAs: Successor | null;
  /** Superseded by a renewal: still listed under its status, marked, and left out of the reports' figures. */
  renewed: boolean;
}

export interface ChainLink {
  id: string;
  number: string;
  issueDate: Date;
  state: CertificateState;
  current: boolean;
}

/** A certificate's page. `trail` only for coordinators and admins. */
export interface CertificateDetail extends CertificateRow {
  schemeId: string;
  issuingBody: { kind: IssuerKind; name: string };
  trade: string;
  units: { code: string; title: { id: string; en: string } }[];
  source: string;
  originalNumber: string;
  hasScan: boolean;
  assessmentId: string | null;
  /** `reason` is internal: empty for readers who do not manage certificates. */
  revoked: { at: Date; byName: string; reason: string; category: RevocationCategory } | null;
  renews: string | null;
  renewedBy: string | null;
  chain: ChainLink[];
}

/** What anyone with the verification code sees: no phone, NIK, email, workshop or address. */
export interface PublicCertificate {
  number: string;
  external: boolean;
  holderName: string;
  schemeName: string;
  kkniLevel: number;
  issuingBody: string;
  units: { code: string; title: { id: string; en: string } }[];
  issueDate: Date;
  validity: ValidityRule;
  state: CertificateState;
  revocation: Revocation | null;
  renewedAs: Successor | null;
}

/** A lean certificate, as the services read it. */
export interface LeanCertificate {
  _id: Types.ObjectId;
  number: string;
  verifyCode: string;
  worker: Types.ObjectId;
  holderName: string;
  scheme: Types.ObjectId;
  schemeName: string;
  kkniLevel: number;
  issuingBody: { kind: string; name: string };
  trade: string;
  units?: { code: string; title: { id: string; en?: string | null } }[] | null;
  issueDate: Date;
  validity: { kind: string; years?: number | null; process?: string | null };
  source: string;
  assessment?: Types.ObjectId | null;
  originalNumber?: string | null;
  scan?: Types.ObjectId | null;
  renews?: Types.ObjectId | null;
  renewedBy?: Types.ObjectId | null;
  revokedAt?: Date | null;
  revokedBy?: Types.ObjectId | null;
  revocationReason?: string | null;
  revocationCategory?: string | null;
}

/** The facts a list row and its state need (what the list's process copy holds: no units, no reasons). */
export type ListedCertificate = Pick<
  LeanCertificate,
  '_id' | 'number' | 'verifyCode' | 'worker' | 'holderName' | 'scheme' | 'schemeName' | 'kkniLevel' | 'issueDate' | 'validity' | 'source' | 'originalNumber' | 'renewedBy' | 'revokedAt' | 'revocationCategory'
>;

/**
 * The number a certificate is known by. A history entry's is the number printed on the original;
 * entries made before that rule carry an internal TKR number as well, which is never shown.
 */
export function numberOf(c: Pick<LeanCertificate, 'number' | 'source' | 'originalNumber'>): string {
  return c.source === 'history' && c.originalNumber ? c.originalNumber : c.number;
}

/** The revocation as public pages show it; revocations from before categories count as 'other'. */
export function revocationOf(c: Pick<LeanCertificate, 'revokedAt' | 'revocationCategory'>): Revocation | null {
  if (!c.revokedAt) return null;
  const category = (REVOCATION_CATEGORIES as readonly string[]).includes(c.revocationCategory ?? '') ? (c.revocationCategory as RevocationCategory) : 'other';
  return { at: c.revokedAt, category };
}

/** A renewal's number and verification code, as "renewed as" links to it. */
export const successorOf = (next: LeanCertificate | null | undefined): Successor | null => (next ? { number: numberOf(next), verifyCode: next.verifyCode } : null);

export function toRow(c: ListedCertificate, state: CertificateState, workshopName = '', renewedAs: Successor | null = null): CertificateRow {
  return {
    id: String(c._id),
    number: numberOf(c),
    external: c.source === 'history',
    verifyCode: c.verifyCode,
    holderName: c.holderName,
    workerId: String(c.worker),
    workshopName,
    schemeName: c.schemeName,
    kkniLevel: c.kkniLevel,
    issueDate: c.issueDate,
    validity: c.validity as ValidityRule,
    state,
    revocation: revocationOf(c),
    renewedAs,
    renewed: !!c.renewedBy,
  };
}

export function unitsOf(c: LeanCertificate) {
  return (c.units ?? []).map((u) => ({ code: u.code, title: { id: u.title.id, en: u.title.en ?? '' } }));
}

export function toPublic(c: LeanCertificate, state: CertificateState, renewedAs: Successor | null = null): PublicCertificate {
  return {
    number: numberOf(c),
    external: c.source === 'history',
    holderName: c.holderName,
    schemeName: c.schemeName,
    kkniLevel: c.kkniLevel,
    issuingBody: c.issuingBody.name,
    units: unitsOf(c),
    issueDate: c.issueDate,
    validity: c.validity as ValidityRule,
    state,
    revocation: revocationOf(c),
    renewedAs,
  };
}
