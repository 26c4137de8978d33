import { Types } from 'mongoose';
import { Worker } from './worker.model';
import { escapeRegex } from './worker-rules';

/** The worker record behind a login account, or null (instructors, coordinators, unlinked logins). */
export async function findWorkerIdByUser(userId: string): Promise<string | null> {
  if (!Types.ObjectId.isValid(userId)) return null;
  const w = await Worker.findOne({ user: new Types.ObjectId(userId) }, { _id: 1 }).lean();
  return w ? String(w._id) : null;
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
 * position field and the choices of the position filter. Computed in TypeScript (FerretDB has no
 * collation and few $group accumulators).
 */
export async function listPositions(): Promise<string[]> {
  const rows = await Worker.find({ active: true }, { position: 1 }).lean();
  const byKey = new Map<string, string>();
  for (const r of rows) {
    const p = r.position?.trim();
    if (p && !byKey.has(p.toLowerCase())) byKey.set(p.toLowerCase(), p);
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'id'));
}
