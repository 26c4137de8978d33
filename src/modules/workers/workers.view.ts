import { Types } from 'mongoose';
import { escapeRegex } from './worker-rules';
import type { WorkerSearch } from './workers.schemas';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

/** A worker as lists show it: never the NIK. */
export interface WorkerRow {
  id: string;
  name: string;
  phone: string;
  workshopId: string;
  workshopName: string;
  trades: string[];
  position: string;
  joinedAt?: Date;
  active: boolean;
  userId?: string;
}

/** One worker's page; `nik` is present only for coordinators and admins. */
export interface WorkerDetail extends WorkerRow {
  email: string;
  nik?: string;
  account: { login: string; phone: string; active: boolean } | null;
}

interface LeanWorker {
  _id: Types.ObjectId;
  name: string;
  phone?: string | null;
  workshop: Types.ObjectId;
  trades?: string[] | null;
  position?: string | null;
  joinedAt?: Date | null;
  active?: boolean | null;
  user?: Types.ObjectId | null;
}

export function toWorkerRow(w: LeanWorker, workshopNames: Map<string, string>): WorkerRow {
  return {
    id: String(w._id),
    name: w.name,
    phone: w.phone ?? '',
    workshopId: String(w.workshop),
    workshopName: workshopNames.get(String(w.workshop)) ?? '—',
    trades: w.trades ?? [],
    position: w.position ?? '',
    joinedAt: w.joinedAt ?? undefined,
    active: w.active !== false,
    userId: w.user ? String(w.user) : undefined,
  };
}

/**
 * The query behind the list: search in name and phone (as people type it: 0812-…, 62812…), and in
 * NIK only when the actor may see NIKs (otherwise a search would reveal them one digit at a time).
 * `scope` forces a manager's own workshop whatever the query says.
 */
export function workerFilter(query: WorkerSearch, scope: string | null, withNik: boolean): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.status !== 'all') filter.active = query.status === 'active';
  const workshop = scope ?? query.workshop;
  if (workshop) filter.workshop = new Types.ObjectId(workshop);
  if (query.trade) filter.trades = query.trade;
  if (query.position) filter.position = new RegExp(`^${escapeRegex(query.position)}$`, 'i');
  if (query.q) {
    const or: Record<string, unknown>[] = [{ name: new RegExp(escapeRegex(query.q), 'i') }];
    const digits = query.q.replace(/\D/g, '');
    const national = digits.replace(/^0/, '');
    if (national.length >= 3 && /^[\d\s()+.-]+$/.test(query.q)) {
      or.push({ phone: new RegExp(escapeRegex(national)) });
      if (withNik && digits.length >= 4) or.push({ nik: new RegExp(`^${escapeRegex(digits)}`) });
    }
    filter.$or = or;
  }
  return filter;
}
