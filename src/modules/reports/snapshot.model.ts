import { Schema, model } from 'mongoose';

/**
 * Report snapshots (see the module README, "Snapshots"): the figures of one period preset and scope
 * as computed by `reports:build-snapshots`, stored under `_id` — the only lookup FerretDB answers
 * from an index — so a page reads one small document instead of scanning every collection.
 *
 * - `meta:v<format>:<preset>` points at the build the pages should read (`build`) and carries what every scope
 *   of that preset shares (workshops, courses) and what the build measured (`liveMs`).
 * - `snap:<build>:<preset>:<workshop|all>:<trade|all>` holds one scope's Report.
 * `body` is gzip(v8.serialize(value)): Dates and Maps survive, and large reports stay small.
 * A build writes its scope documents first and the meta last; older builds are deleted afterwards.
 */
const snapshotSchema = new Schema(
  {
    _id: { type: String, required: true },
    build: { type: String, required: true },
    /** When the build began reading: data written after this instant may be missing from it. */
    builtAt: { type: Date, required: true },
    /** The WIB day the build's periods end on ("YYYY-MM-DD"). */
    day: { type: String, required: true },
    /** Meta only: milliseconds one live computation of the whole report took in this build. */
    liveMs: { type: Number },
    body: { type: Buffer, required: true },
  },
  { versionKey: false, collection: 'report_snapshots' },
);
export const ReportSnapshot = model('ReportSnapshot', snapshotSchema);

/**
 * `_id: 'latest'`, `at`: when a write to data the reports read last succeeded (any process that
 * observes it records it, throttled). A snapshot built before `at` may be out of date.
 */
const changeSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'report_changes' },
);
export const ReportChange = model('ReportChange', changeSchema);
