import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import v8 from 'node:v8';
import zlib from 'node:zlib';
import { trusted, type Connection } from 'mongoose';
import type { Clock } from '../../platform/clock';
import { observeWrites } from '../../platform/db/write-observer';
import type { Logger } from '../../platform/logger';
import { wibParts } from '../../platform/time';
import { Assessment } from '../assessments';
import { Attendance } from '../attendance';
import { Course, TRADES } from '../catalogue';
import { Certificate, CertificationScheme } from '../certificates';
import { JobProfile } from '../competencies';
import { ContinuityEntry } from '../continuity';
import { Enrollment, Meeting, TrainingSession } from '../scheduling';
import { Worker } from '../workers';
import { Workshop } from '../workshops';
import { buildReport, population, type RCourse, type Report, type ReportData, type Scope } from './metrics';
import { PERIODS, resolvePeriod, type PeriodPreset } from './period';
import { loadReportDataFromSource } from './reports.data';
import { ReportChange, ReportSnapshot } from './snapshot.model';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);
const pack = async (value: unknown): Promise<Buffer> => gzip(v8.serialize(value));
const unzip = async (body: Buffer | { buffer: ArrayBuffer | Uint8Array }): Promise<Buffer> => gunzip(Buffer.isBuffer(body) ? body : Buffer.from(body.buffer as Uint8Array));
const unpack = async <T>(body: Buffer | { buffer: ArrayBuffer | Uint8Array }): Promise<T> => v8.deserialize(await unzip(body)) as T;
/** Documents stay well under MongoDB's 16 MB limit; a bigger scope is computed on read instead. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;
/**
 * Decoded scope reports kept in the process, by document `_id`: a scope document is never changed
 * (the build id is in its key; a new build writes new keys), so a decoded copy is valid for as long
 * as the meta points at its build. Bounded by the serialized (unzipped) size of what is kept, least
 * recently used dropped first (the heap they take is a small multiple of it).
 */
const CACHE_BYTES = 24 * 1024 * 1024;
/** Scope documents per insert command, and at most this many bytes (well under a 48 MB message). */
const BATCH_DOCS = 500;
const BATCH_BYTES = 8 * 1024 * 1024;

/** What every scope of a preset shares (stored once, in the meta document). */
export interface SnapshotShared {
  workshops: { id: string; name: string }[];
  courses: [string, RCourse][];
}

export interface Snapshot {
  report: Report;
  shared: SnapshotShared;
  builtAt: Date;
  /** False when data the report reads changed after the build began reading. */
  fresh: boolean;
  /** How long computing the whole report on read took when this snapshot was built. */
  liveMs: number;
}

export interface BuildSummary {
  build: string;
  builtAt: Date;
  /** Milliseconds: reading the data once, computing every scope, and all of it. */
  loadMs: number;
  computeMs: number;
  totalMs: number;
  /** One live computation of the whole report (load + LIK-level figures): what a page would cost. */
  liveMs: number;
  scopes: number;
  bytes: number;
}

const key = (build: string, preset: string, scope: Scope) => `snap:${build}:${preset}:${scope.workshopId ?? 'all'}:${scope.trade ?? 'all'}`;
/**
 * The shape of the stored Report: bumped when its fields change, so a snapshot built by an older
 * release is never read as this one's (it is not found; the page computes on read and the job builds).
 * 2: certificate figures in disjoint buckets, renewed ones counted apart.
 * 3: rolling periods; trend buckets with days/partial; index rows with components (n, enough),
 *    nullable index and rank, previous/change; `indexMedian`.
 */
const FORMAT = 3;
const metaKey = (preset: string) => `meta:v${FORMAT}:${preset}`;
/** The collections the reports read: a write to any of them may change a figure. */
const SOURCES = [Workshop, Worker, JobProfile, Course, TrainingSession, Meeting, Enrollment, Attendance, Assessment, Certificate, ContinuityEntry, CertificationScheme];
/** At most one "data changed" write per this many milliseconds per process (a trailing one follows). */
const MARK_EVERY_MS = 2000;

/**
 * Report snapshots: the dashboard's figures for every period preset and the common scopes, computed
 * off the request path by `reports:build-snapshots` and read by `_id`. On FerretDB every query but an
 * `_id` lookup scans its collection, and a report reads twelve collections: at 5,000 workers that is
 * minutes per page, while one snapshot document is read in milliseconds. The figures are the same
 * pure `buildReport` over the same data (`loadReportDataFromSource`; the page's `loadReportData` gives
 * the same, tested) — the snapshot only moves when they are computed.
 *
 * Freshness: every write to a collection the reports read is observed (driver command monitoring)
 * and recorded as `report_changes.latest.at`; a snapshot built before that is stale. The dashboard
 * serves a stale snapshot only when computing on read is slow (see ReportsService), and says so.
 */
export class ReportSnapshots {
  private lastMark = 0;
  private trailing: NodeJS.Timeout | null = null;
  /** Decoded scope reports by `_id` (LRU: a Map iterates in insertion order), with their stored size. */
  private readonly reports = new Map<string, { report: Report; bytes: number }>();
  private cachedBytes = 0;
  /** The decoded shared part of each preset's current build, by meta `_id`. */
  private readonly shared = new Map<string, { build: string; shared: SnapshotShared }>();

  constructor(private readonly deps: { clock: Clock; logger: Logger }) {}

  /** Records changes made by this process to the data the reports read. Returns a stop function. */
  observe(connection: Connection): () => void {
    const stop = observeWrites(
      connection,
      SOURCES.map((m) => m.collection.collectionName),
      () => this.changed(),
    );
    return () => {
      stop();
      if (this.trailing) clearTimeout(this.trailing);
      this.trailing = null;
    };
  }

  /** A write happened: record it now, or once the throttle window ends (never dropped). */
  private changed(): void {
    if (this.trailing) return;
    const wait = this.lastMark + MARK_EVERY_MS - Date.now();
    if (wait <= 0) {
      this.lastMark = Date.now();
      void this.markChanged().catch((err: unknown) => this.deps.logger.warn({ err }, 'report change mark failed'));
      return;
    }
    this.trailing = setTimeout(() => {
      this.trailing = null;
      this.changed();
    }, wait);
    this.trailing.unref();
  }

  /** Marks every snapshot built before now as stale (also called by scripts that write in bulk). */
  async markChanged(): Promise<void> {
    await ReportChange.updateOne({ _id: 'latest' }, { $set: { at: this.deps.clock.now() } }, { upsert: true });
  }

  /**
   * The snapshot of `preset` for `scope`, built today (WIB); null when there is none. Which build and
   * how fresh are read every time (the meta without its body, and the change mark, together); the
   * scope's report and the preset's shared part are decoded once per process and build
   * (`reports`, `shared`): the same objects are returned to every request — frozen, never to be
   * changed by their readers.
   */
  async lookup(preset: PeriodPreset, scope: Scope): Promise<Snapshot | null> {
    const metaId = metaKey(preset);
    const [meta, change] = await Promise.all([ReportSnapshot.findById(metaId, { body: 0 }).lean(), ReportChange.findById('latest').lean()]);
    if (!meta || meta.day !== wibParts(this.deps.clock.now()).date) return null;
    const id = key(meta.build, preset, scope);
    const hit = this.reports.get(id);
    const known = this.shared.get(metaId);
    const stale = known?.build !== meta.build;
    const [doc, full] = await Promise.all([hit ? null : ReportSnapshot.findById(id).lean(), stale ? ReportSnapshot.findById(metaId).lean() : null]);
    // A build finished between the two reads: read again, so a page never mixes two builds.
    if (full && full.build !== meta.build) return this.lookup(preset, scope);
    if ((!hit && !doc) || (stale && !full)) return null;
    let report: Report;
    if (hit) report = this.touch(id, hit);
    else {
      const raw = await unzip(doc!.body);
      report = this.keep(id, deepFreeze(v8.deserialize(raw) as Report), raw.length);
    }
    let shared = known;
    if (full) {
      shared = { build: full.build, shared: deepFreeze(await unpack<SnapshotShared>(full.body)) };
      this.shared.set(metaId, shared);
    }
    return {
      report,
      shared: shared!.shared,
      builtAt: meta.builtAt,
      fresh: !change || change.at.getTime() < meta.builtAt.getTime(),
      liveMs: meta.liveMs ?? 0,
    };
  }

  private touch(id: string, entry: { report: Report; bytes: number }): Report {
    this.reports.delete(id);
    this.reports.set(id, entry);
    return entry.report;
  }

  /** Keeps a decoded report (`bytes`: its serialized size), dropping the least recently used beyond CACHE_BYTES. */
  private keep(id: string, report: Report, bytes: number): Report {
    if (bytes > CACHE_BYTES / 4) return report;
    const old = this.reports.get(id);
    if (old) this.cachedBytes -= old.bytes;
    this.reports.delete(id);
    this.reports.set(id, { report, bytes });
    this.cachedBytes += bytes;
    for (const [k, v] of this.reports) {
      if (this.cachedBytes <= CACHE_BYTES) break;
      this.reports.delete(k);
      this.cachedBytes -= v.bytes;
    }
    return report;
  }

  /** Builds when there is no snapshot of today or data changed since the last one; null otherwise. */
  async buildIfNeeded(): Promise<BuildSummary | null> {
    const [meta, change] = await Promise.all([ReportSnapshot.findById(metaKey(PERIODS[0])).lean(), ReportChange.findById('latest').lean()]);
    const today = wibParts(this.deps.clock.now()).date;
    if (meta && meta.day === today && (!change || change.at.getTime() < meta.builtAt.getTime())) return null;
    return this.build();
  }

  /**
   * Reads the data once (with the widest window any preset needs), then for every preset computes
   * and stores the scopes: all of LIK Takaru (any trade and each trade), each workshop (any trade and
   * each trade its workers hold). Other queries (custom dates) are computed on read.
   */
  async build(): Promise<BuildSummary> {
    const started = performance.now();
    const builtAt = this.deps.clock.now();
    const build = `${builtAt.getTime().toString(36)}${randomBytes(3).toString('hex')}`;
    const today = wibParts(builtAt).date;
    const periods = PERIODS.map((p) => ({ preset: p, period: resolvePeriod(builtAt, p) }));
    // Every preset ends today; the earliest start gives a superset of every preset's data (the
    // figures filter by their own period, so the extra rows change nothing — tested).
    const widest = periods.reduce((a, b) => (b.period.from.getTime() < a.period.from.getTime() ? b : a)).period;
    // From the source collections, which `observe` watches: a read model or process copy refreshed
    // just after a watched write could otherwise be read stale by a build marked fresh (README).
    const data = await loadReportDataFromSource(widest, builtAt);
    const loaded = performance.now();
    let liveMs = 0;
    let scopes = 0;
    let bytes = 0;
    const shared = await pack({ workshops: data.workshops, courses: [...data.courses] } satisfies SnapshotShared);
    for (const { preset, period } of periods) {
      const pd: ReportData = { ...data, period };
      let batch: { _id: string; build: string; builtAt: Date; day: string; body: Buffer }[] = [];
      let batchBytes = 0;
      // New documents (the build id is in every key), inserted in batches: on FerretDB-on-SQLite each
      // write command is one committed transaction, and one commit per scope made a 5,000-worker
      // build spend most of its time waiting for the disk.
      const flush = async () => {
        if (batch.length > 0) await ReportSnapshot.insertMany(batch, { ordered: true, lean: true });
        batch = [];
        batchBytes = 0;
      };
      for (const scope of scopesOf(pd)) {
        const t0 = performance.now();
        const report = buildReport(pd, scope);
        if (preset === '12m' && !scope.workshopId && !scope.trade) liveMs = Math.round(loaded - started + performance.now() - t0);
        const body = await pack(report);
        if (body.length > MAX_BODY_BYTES) {
          this.deps.logger.warn({ preset, scope, bytes: body.length }, 'report snapshot too large, computed on read instead');
          continue;
        }
        batch.push({ _id: key(build, preset, scope), build, builtAt, day: today, body });
        scopes += 1;
        bytes += body.length;
        batchBytes += body.length;
        if (batch.length >= BATCH_DOCS || batchBytes >= BATCH_BYTES) await flush();
        // Let requests in between (ROLE=all runs jobs and pages in one process).
        await new Promise((r) => setImmediate(r));
      }
      await flush();
      await ReportSnapshot.replaceOne({ _id: metaKey(preset) }, { build, builtAt, day: today, liveMs, body: shared }, { upsert: true });
    }
    // Older builds: nobody points at them any more.
    await ReportSnapshot.deleteMany({ _id: trusted({ $regex: /^snap:/ }), build: trusted({ $ne: build }) });
    const totalMs = Math.round(performance.now() - started);
    const summary = { build, builtAt, loadMs: Math.round(loaded - started), computeMs: Math.round(performance.now() - loaded), totalMs, liveMs, scopes, bytes };
    this.deps.logger.info(summary, 'report snapshots built');
    return summary;
  }
}

/** Freezes plain objects and arrays all the way down (a cached report is shared by every request). */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** The scopes a build stores: LIK-level and per workshop, for any trade and each trade present. */
export function scopesOf(data: ReportData): Scope[] {
  const scopes: Scope[] = [{ workshopId: null, trade: null }, ...TRADES.map((trade) => ({ workshopId: null, trade }))];
  for (const ws of data.workshops) {
    scopes.push({ workshopId: ws.id, trade: null });
    const held = new Set(population(data, { workshopId: ws.id, trade: null }).flatMap((w) => w.trades));
    for (const trade of TRADES) if (held.has(trade)) scopes.push({ workshopId: ws.id, trade });
  }
  return scopes;
}
