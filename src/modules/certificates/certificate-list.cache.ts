import type { Types } from 'mongoose';
import { cacheCollection } from '../../platform/db/collection-cache';
import { ContinuityEntry } from '../continuity';
import { Worker } from '../workers';
import { Certificate } from './certificate.model';
import type { LeanCertificate, ListedCertificate } from './certificate.view';
import { certificateStatus, wibDate, type CertificateState, type Evidence } from './validity';

/*
 * What the certificate list (and verification by code) reads, held in the process
 * (platform/db/collection-cache.ts) instead of scanning on every request: FerretDB answers any
 * filter but `{_id}` by decoding the whole collection, so the list used to read every certificate,
 * every holder and every log entry per request (5,991 documents at `--scale ci`).
 *
 * - Certificates: the compact facts a list row and the state need (no units, no reasons). Written
 *   rarely — issue, renewal (both certificates), revocation, history entries, seeds and imports;
 *   viewing, verifying, downloading, sharing and scans write other collections — so a copy lives
 *   long. Every write drops it (this process at once, others through the stamp).
 * - Holders: worker → workshop, for the workshop filter, the manager's scope and the workshop column
 *   (a transfer is a write to workers: it drops that copy, so rows follow the holder's workshop).
 * - The continuity log (worker, process, date, kind): the evidence of continuity and periodic rules.
 *
 * The state is never cached as a stored field: it is derived from these dates and the WIB day of
 * `now`, memoised per copy and per day, so a certificate moves from valid to expiring to expired by
 * the clock alone. Cost: a request reads three stamps by `_id`; after a write to one of these
 * collections the next request reloads that collection once (in proportion to its size).
 */

const LIST_FIELDS = {
  number: 1, verifyCode: 1, worker: 1, holderName: 1, scheme: 1, schemeName: 1, kkniLevel: 1, issueDate: 1,
  validity: 1, source: 1, originalNumber: 1, renewedBy: 1, revokedAt: 1, revocationCategory: 1,
} as const;

interface HolderRow { _id: Types.ObjectId; workshop?: Types.ObjectId | null }
interface LogRow { _id: Types.ObjectId; worker: Types.ObjectId; process: string; date: Date; kind?: string | null }

const certificates = cacheCollection<ListedCertificate>(Certificate, LIST_FIELDS);
const holders = cacheCollection<HolderRow>(Worker, { workshop: 1 });
const continuityLog = cacheCollection<LogRow>(ContinuityEntry, { worker: 1, process: 1, date: 1, kind: 1 });

/** A listed certificate with its ids as strings (compared on every request). */
export interface Listed {
  c: ListedCertificate;
  id: string;
  worker: string;
  scheme: string;
  /** Lower-cased texts the search matches: number, holder's name, original number. */
  text: string[];
}

interface Sorted {
  rows: Listed[];
  byCode: Map<string, string>;
  needsEvidence: boolean;
}

const newestFirst = (a: Listed, b: Listed) => b.c.issueDate.getTime() - a.c.issueDate.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);

// Keyed by the copy itself: a new copy (after a write) gets new derived data, the old is collected.
const sortedMemo = new WeakMap<Map<string, ListedCertificate>, Sorted>();
const workshopMemo = new WeakMap<Map<string, HolderRow>, Map<string, string>>();
const evidenceMemo = new WeakMap<Map<string, LogRow>, Map<string, Evidence[]>>();
const statesMemo = new WeakMap<Sorted, { evidence: Map<string, Evidence[]> | null; today: string; states: CertificateState[] }>();

function sortedOf(all: Map<string, ListedCertificate>): Sorted {
  let s = sortedMemo.get(all);
  if (!s) {
    const rows = [...all.values()].map((c) => ({
      c,
      id: String(c._id),
      worker: String(c.worker),
      scheme: String(c.scheme),
      text: [c.number, c.holderName, c.originalNumber ?? ''].map((x) => x.toLowerCase()),
    }));
    rows.sort(newestFirst);
    s = {
      rows,
      byCode: new Map(rows.map((r) => [r.c.verifyCode, r.id])),
      needsEvidence: rows.some((r) => r.c.validity.kind === 'continuity' || r.c.validity.kind === 'periodic'),
    };
    sortedMemo.set(all, s);
  }
  return s;
}

function workshopsOf(all: Map<string, HolderRow>): Map<string, string> {
  let m = workshopMemo.get(all);
  if (!m) {
    m = new Map([...all.values()].map((w) => [String(w._id), w.workshop ? String(w.workshop) : '']));
    workshopMemo.set(all, m);
  }
  return m;
}

function evidenceByWorker(all: Map<string, LogRow>): Map<string, Evidence[]> {
  let m = evidenceMemo.get(all);
  if (!m) {
    m = new Map();
    for (const e of all.values()) {
      const key = String(e.worker);
      let list = m.get(key);
      if (!list) m.set(key, (list = []));
      list.push({ process: e.process, date: e.date, kind: e.kind });
    }
    evidenceMemo.set(all, m);
  }
  return m;
}

const NO_EVIDENCE: Evidence[] = [];

export interface CertificateListing {
  /** Every certificate, newest issue first (then newest id), as `.sort({ issueDate: -1, _id: -1 })`. */
  rows: readonly Listed[];
  /** The state of `rows[i]` on the WIB day of `now`. */
  states: readonly CertificateState[];
  /** Holder (worker id) → workshop id ('' when none or unknown). */
  workshopOf: (worker: string) => string;
}

/** Every certificate with its state today and its holder's workshop, from the process copies. */
export async function certificateListing(now: Date): Promise<CertificateListing> {
  const [all, shops] = await Promise.all([certificates.all(), holders.all()]);
  const sorted = sortedOf(all);
  const evidence = sorted.needsEvidence ? evidenceByWorker(await continuityLog.all()) : null;
  const today = wibDate(now);
  let memo = statesMemo.get(sorted);
  if (!memo || memo.today !== today || memo.evidence !== evidence) {
    const states = sorted.rows.map((r) => certificateStatus(r.c, evidence?.get(r.worker) ?? NO_EVIDENCE, now));
    memo = { evidence, today, states };
    statesMemo.set(sorted, memo);
  }
  const byWorker = workshopsOf(shops);
  return { rows: sorted.rows, states: memo.states, workshopOf: (w) => byWorker.get(w) ?? '' };
}

/**
 * The certificate carrying a verification code (whole), or null. The id comes from the process copy
 * and the certificate from one read by `_id`, so a look-up — a miss included — scans nothing (a
 * filter on `verifyCode` decodes certificates on FerretDB up to the match, all of them for a miss).
 */
export async function certificateOfCode(code: string): Promise<LeanCertificate | null> {
  const id = sortedOf(await certificates.all()).byCode.get(code);
  const c = id ? ((await Certificate.findById(id).lean()) as LeanCertificate | null) : null;
  return c && c.verifyCode === code ? c : null;
}
