import { trusted } from 'mongoose';
import { Workshop, displayName } from './workshop.model';

export interface WorkshopOption {
  id: string;
  name: string;
}

/** Active workshops as choices for a form, sorted by name. */
export async function listWorkshopOptions(): Promise<WorkshopOption[]> {
  const rows = await Workshop.find({ archived: false }, { name: 1, legalForm: 1 }).sort({ name: 1 }).lean();
  return rows.map((w) => ({ id: String(w._id), name: displayName(w) }));
}

/** Names by id, for showing a workshop beside an account without a join ($lookup is missing on FerretDB). */
export async function workshopNames(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await Workshop.find({ _id: trusted({ $in: ids }) }, { name: 1, legalForm: 1 }).lean();
  return new Map(rows.map((w) => [String(w._id), displayName(w)]));
}
