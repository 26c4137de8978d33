import { Types } from 'mongoose';
import { Worker } from './worker.model';
import { escapeRegex } from './worker-rules';
import { cachedWorkerOfUser } from './workers.cache';
import { positionsInUse } from './workers.read-models';

/**
 * Links found, per process: a worker's pages ask on every request (the inbox count in the header,
 * the schedule, skills, certificates), and on FerretDB `{user}` scans every worker record. A link
 * is set once (WorkersService.createAccount and WorkerLoginsService.link, only where none exists)
 * and never changed or removed, so a found link cannot go stale. "No link" is not remembered here
 * (it may be set any moment): it comes from the workers held in memory (workers.cache.ts), whose
 * copy every write of workers drops — a staff login no longer scans the workers on each request.
 */
const links = new Map<string, string>();
const MAX_LINKS = 20_000;

/** The worker record behind a login account, or null (instructors, coordinators, unlinked logins). */
export async function findWorkerIdByUser(userId: string): Promise<string | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  const known = links.get(userId);
  if (known) return known;
  const id = await cachedWorkerOfUser(userId);
  if (!id) return null;
  if (links.size >= MAX_LINKS) links.clear();
  links.set(userId, id);
  return id;
}

/**
 * Active workers by workshop, trade and position (all given criteria must hold; position ignores
 * case): for bulk enrolment. Ids are sorted by name so callers get a stable order.
 */
export async function selectWorkerIds(criteria: { workshop?: string; trade?: string; position?: string }): Promise<string[]> {
  const filter: Record<string, unknown> = { active: true };
  if (criteria.workshop) {
    if (!Types.ObjectId.isValid(criteria.workshop)) return [];
    filter.workshop = new Types.ObjectId(criteria.workshop);
  }
  if (criteria.trade) filter.trades = String(criteria.trade);
  if (criteria.position) filter.position = new RegExp(`^${escapeRegex(criteria.position.trim())}$`, 'i');
  const rows = await Worker.find(filter, { _id: 1 }).sort({ name: 1, _id: 1 }).lean();
  return rows.map((w) => String(w._id));
}

/**
 * Job titles in use among active workers, sorted, each once (ignoring case): suggestions for the
 * position field and the choices of the position filter. One point read of `worker-positions`
 * (workers.read-models.ts), not a scan of the workers on every page.
 */
export async function listPositions(): Promise<string[]> {
  return positionsInUse();
}
