import type { Types } from 'mongoose';
import type { IssuerKind } from './scheme.model';
import type { CertificateState, ValidityRule } from './validity';

/** A certificate as lists show it. */
export interface CertificateRow {
  id: string;
  number: string;
  verifyCode: string;
  holderName: string;
  workerId: string;
  workshopName: string;
  schemeName: string;
  kkniLevel: number;
  issueDate: Date;
  validity: ValidityRule;
  state: CertificateState;
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
  revoked: { at: Date; byName: string; reason: string } | null;
  renews: string | null;
  renewedBy: string | null;
  chain: ChainLink[];
}

/** What anyone with the verification code sees: no phone, NIK, email, workshop or address. */
export interface PublicCertificate {
  number: string;
  holderName: string;
  schemeName: string;
  kkniLevel: number;
  issuingBody: string;
  units: { code: string; title: { id: string; en: string } }[];
  issueDate: Date;
  validity: ValidityRule;
  state: CertificateState;
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
}

export function toRow(c: LeanCertificate, state: CertificateState, workshopName = ''): CertificateRow {
  return {
    id: String(c._id),
    number: c.number,
    verifyCode: c.verifyCode,
    holderName: c.holderName,
    workerId: String(c.worker),
    workshopName,
    schemeName: c.schemeName,
    kkniLevel: c.kkniLevel,
    issueDate: c.issueDate,
    validity: c.validity as ValidityRule,
    state,
  };
}

export function unitsOf(c: LeanCertificate) {
  return (c.units ?? []).map((u) => ({ code: u.code, title: { id: u.title.id, en: u.title.en ?? '' } }));
}

export function toPublic(c: LeanCertificate, state: CertificateState): PublicCertificate {
  return {
    number: c.number,
    holderName: c.holderName,
    schemeName: c.schemeName,
    kkniLevel: c.kkniLevel,
    issuingBody: c.issuingBody.name,
    units: unitsOf(c),
    issueDate: c.issueDate,
    validity: c.validity as ValidityRule,
    state,
  };
}
