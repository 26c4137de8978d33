import type { Types } from 'mongoose';
import { cacheCollection } from '../../platform/db/collection-cache';
import { Certificate } from '../certificates';
import { ContinuityEntry } from '../continuity';

/*
 * The two collections the custom-period report reads whole, held in the process
 * (platform/db/collection-cache.ts) with exactly the fields `loadReportDataFromSource` projects:
 * every certificate (20,000 at `--scale full`) and the continuity log. The certificate list's copy
 * (certificates/certificate-list.cache.ts) lacks `trade` and `issuingBody` and is private to that
 * module, so the reports keep their own (one more copy of a rarely written collection; a write drops
 * both, in this process at once, in others through the stamp, and the next read of each loads it
 * again). Written rarely: issue, renewal, revocation, imports; a logged welding use.
 */
export interface ReportCertificateRow {
  _id: Types.ObjectId;
  worker?: Types.ObjectId | null;
  scheme?: Types.ObjectId | null;
  holderName: string;
  schemeName: string;
  number: string;
  verifyCode: string;
  trade: string;
  kkniLevel: number;
  issuingBody?: { name?: string | null } | null;
  issueDate: Date;
  validity?: { kind?: string | null; years?: number | null; process?: string | null } | null;
  revokedAt?: Date | null;
  renewedBy?: Types.ObjectId | null;
}

export interface ReportLogRow {
  _id: Types.ObjectId;
  worker: Types.ObjectId;
  process: string;
  date: Date;
  kind?: string | null;
}

export const CERTIFICATE_FIELDS = {
  worker: 1, scheme: 1, holderName: 1, schemeName: 1, number: 1, verifyCode: 1, trade: 1, kkniLevel: 1, issuingBody: 1, issueDate: 1, validity: 1, revokedAt: 1, renewedBy: 1,
} as const;
export const LOG_FIELDS = { worker: 1, process: 1, date: 1, kind: 1 } as const;

export const reportCertificates = cacheCollection<ReportCertificateRow>(Certificate, CERTIFICATE_FIELDS);
export const reportContinuityLog = cacheCollection<ReportLogRow>(ContinuityEntry, LOG_FIELDS);
