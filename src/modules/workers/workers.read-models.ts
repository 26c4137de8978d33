import { Types, trusted } from 'mongoose';
import { defineReadModel } from '../../platform/db/read-model';
import { Workshop, cachedWorkshops } from '../workshops';
import { Worker } from './worker.model';

/**
 * A worker as rosters need it: what the skills matrix filters and sorts on, nothing personal
 * (no phone, email, NIK). Pages that need more read the worker by `_id`.
 */
export interface RosterWorker {
  id: string;
  name: string;
  trades: string[];
  position: string;
  active: boolean;
}

export interface WorkshopWorkers {
  workshop: string;
  /** Every worker of the workshop, active or not, by id. */
  workers: RosterWorker[];
}

export interface WorkerPositions {
  /** Job titles in use among active workers, each once (ignoring case), sorted. */
  positions: string[];
}

const ROSTER_PROJECTION = { name: 1, workshop: 1, trades: 1, position: 1, active: 1 } as const;
const isId = (k: string) => /^[a-f0-9]{24}$/i.test(k);

type LeanRoster = { _id: Types.ObjectId; name: string; workshop?: Types.ObjectId | null; trades?: string[] | null; position?: string | null; active?: boolean | null };

export function toRosterWorker(w: LeanRoster): RosterWorker {
  return { id: String(w._id), name: w.name, trades: [...(w.trades ?? [])], position: w.position ?? '', active: w.active !== false };
}

function group(keys: readonly string[], rows: LeanRoster[]): Map<string, WorkshopWorkers> {
  const out = new Map<string, WorkshopWorkers>(keys.map((k) => [k, { workshop: k, workers: [] }]));
  for (const w of rows) out.get(String(w.workshop))?.workers.push(toRosterWorker(w));
  for (const doc of out.values()) doc.workers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/**
 * `workshop-workers:<workshopId>`: every worker of one workshop as compact rows (a few dozen to a
 * few hundred). Read by the skills matrix (a manager's workshop: one point read; every workshop:
 * one point read per workshop) instead of `Worker.find({workshop})`, which on FerretDB decodes
 * every worker. Kept right by `workersChanged`.
 */
export const workshopWorkers = defineReadModel<WorkshopWorkers>({
  name: 'workshop-workers',
  version: 1,
  empty: (workshop) => ({ workshop, workers: [] }),
  build: async (keys) => {
    const ids = keys.filter(isId).map((k) => new Types.ObjectId(k));
    const rows = ids.length ? ((await Worker.find({ workshop: trusted({ $in: ids }) }, ROSTER_PROJECTION).lean()) as LeanRoster[]) : [];
    return group(keys, rows);
  },
  // Every workshop gets a document, also those without workers, so no page view builds one.
  async buildAll() {
    const [workshops, rows] = await Promise.all([Workshop.find({}, { _id: 1 }).lean(), Worker.find({}, ROSTER_PROJECTION).lean() as Promise<LeanRoster[]>]);
    const keys = [...new Set([...workshops.map((w) => String(w._id)), ...rows.map((w) => String(w.workshop))])];
    return group(keys, rows);
  },
});

/** The positions of `rows` (active workers), first spelling kept, sorted: the suggestions and the matrix's position filter. */
function positionsOf(rows: { position?: string | null }[]): WorkerPositions {
  const byKey = new Map<string, string>();
  for (const r of rows) {
    const p = r.position?.trim();
    if (p && !byKey.has(p.toLowerCase())) byKey.set(p.toLowerCase(), p);
  }
  return { positions: [...byKey.values()].sort((a, b) => a.localeCompare(b, 'id')) };
}

const POSITIONS_KEY = 'all';
const buildPositions = async () => new Map([[POSITIONS_KEY, positionsOf(await Worker.find({ active: true }, { position: 1 }).lean())]]);

/** `worker-positions:all`: one small document, read by every matrix and job-profile page instead of scanning the active workers. */
export const workerPositions = defineReadModel<WorkerPositions>({
  name: 'worker-positions',
  version: 1,
  empty: () => ({ positions: [] }),
  build: buildPositions,
  buildAll: buildPositions,
});

/** The job titles in use among active workers (one point read). */
export async function positionsInUse(): Promise<string[]> {
  return (await workerPositions.get(POSITIONS_KEY)).positions;
}

export interface WorkersChange {
  /** Workshops whose workers were written: created, edited, (de)activated, moved (both the old and the new workshop), imported. */
  workshops?: readonly unknown[];
}

/**
 * The one hook every writer of workers calls after its write has committed and before it answers:
 * `WorkersService` (create, edit, activate), the import's confirm and the demo seed. Refreshes
 * `workshop-workers` of the workshops touched (one read of the workers for up to 200 workshops)
 * and `worker-positions`, under per-key locks (platform/db/read-model.ts). A write of fields the
 * rosters do not hold (the login link `user`, email, NIK) needs no call.
 */
export async function workersChanged(change: WorkersChange): Promise<void> {
  const workshops = [...new Set((change.workshops ?? []).map((w) => String(w).toLowerCase()))].filter(isId);
  if (workshops.length === 0) return;
  await Promise.all([workshopWorkers.refresh(workshops), workerPositions.refresh([POSITIONS_KEY])]);
}

/** After a bulk write of workers that bypassed the hook (scripts/generate.ts, no app running): every document from one read. */
export async function rebuildWorkerReadModels(): Promise<number> {
  const [rosters, positions] = await Promise.all([workshopWorkers.rebuildAll(), workerPositions.rebuildAll()]);
  return rosters + positions;
}

/**
 * The workers (compact rows, active or not) of `workshops`, or of every workshop (archived ones
 * too) when none is given: one point read per workshop, never a filter on workers.
 */
export async function workshopRosters(workshops?: readonly string[]): Promise<(RosterWorker & { workshop: string })[]> {
  const keys = workshops ? workshops.filter(isId).map((w) => w.toLowerCase()) : [...(await cachedWorkshops.all()).keys()];
  const docs = await workshopWorkers.getMany(keys);
  return [...docs.values()].flatMap((d) => d.workers.map((w) => ({ ...w, workshop: d.workshop })));
}
