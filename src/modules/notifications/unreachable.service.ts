import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import { User } from '../accounts/user.model';
import { Instructor } from '../catalogue/instructor.model';
import { Worker } from '../workers/worker.model';
import { displayName, Workshop } from '../workshops/workshop.model';
import { Notification } from './notification.model';
import { assertCanSeeUnreachable } from './notifications.policy';

const PAGE_SIZE = 50;

export interface UnreachableRow {
  id: string;
  name: string;
  phone?: string;
  workshop?: string;
  /** `inbox`: has an account without email; `none`: no account, so not even the inbox. */
  reach: 'inbox' | 'none';
  unread: number;
}

/**
 * Who cannot be emailed, by the same rule delivery uses (the account's email, else the worker
 * record's; a deactivated account gets none). Computed in TypeScript from two projected queries:
 * no joins on FerretDB, and a few hundred workers.
 */
export class UnreachableService {
  async list(actor: Actor, query: { workshop?: string; page: number }) {
    assertCanSeeUnreachable(actor);
    const workerFilter: Record<string, unknown> = { active: true };
    if (query.workshop) workerFilter.workshop = new Types.ObjectId(query.workshop);
    const [workers, instructors, workshops] = await Promise.all([
      Worker.find(workerFilter, { name: 1, phone: 1, email: 1, user: 1, workshop: 1 }).sort({ name: 1 }).lean(),
      Instructor.find({ active: true }, { name: 1, phone: 1, user: 1 }).sort({ name: 1 }).lean(),
      Workshop.find({}, { name: 1, legalForm: 1 }).sort({ name: 1 }).lean(),
    ]);
    const userIds = [...workers, ...instructors].flatMap((p) => (p.user ? [p.user] : []));
    const users = await User.find({ _id: trusted({ $in: userIds }) }, { email: 1, active: 1 }).lean();
    const accounts = new Map(users.map((u) => [String(u._id), { email: u.email ?? '', active: u.active !== false }]));
    const hasAccount = (user?: Types.ObjectId | null) => !!user && accounts.has(String(user));
    const reachable = (p: { user?: Types.ObjectId | null; email?: string | null }) => {
      if (!p.user) return !!p.email;
      const account = accounts.get(String(p.user));
      return !!account?.active && !!(account.email || p.email);
    };
    const unreachableWorkers = workers.filter((w) => !reachable(w));
    const start = (query.page - 1) * PAGE_SIZE;
    const pageRows = unreachableWorkers.slice(start, start + PAGE_SIZE);
    const unread = await this.unreadCounts(pageRows.map((w) => ({ worker: w._id, user: w.user ?? undefined })));
    const workshopName = new Map(workshops.map((w) => [String(w._id), displayName(w)]));
    const workerRows: UnreachableRow[] = pageRows.map((w) => ({
      id: String(w._id),
      name: w.name,
      phone: w.phone ?? undefined,
      workshop: workshopName.get(String(w.workshop)),
      reach: hasAccount(w.user) ? 'inbox' : 'none',
      unread: unread.get(String(w._id)) ?? 0,
    }));
    const instructorRows: UnreachableRow[] = instructors
      .filter((i) => !reachable({ user: i.user }))
      .map((i) => ({ id: String(i._id), name: i.name, phone: i.phone ?? undefined, reach: hasAccount(i.user) ? 'inbox' : 'none', unread: 0 }));
    return {
      workers: { items: workerRows, page: query.page, pages: Math.max(1, Math.ceil(unreachableWorkers.length / PAGE_SIZE)), total: unreachableWorkers.length },
      instructors: instructorRows,
      workshops: workshops.map((w) => ({ id: String(w._id), name: displayName(w) })),
    };
  }

  /** Unread inbox notices per worker (addressed to the worker record or to their account). */
  private async unreadCounts(people: Array<{ worker: Types.ObjectId; user?: Types.ObjectId }>): Promise<Map<string, number>> {
    const byUser = new Map(people.flatMap((p) => (p.user ? [[String(p.user), String(p.worker)] as const] : [])));
    const rows = await Notification.find(
      {
        readAt: trusted({ $exists: false }),
        hidden: trusted({ $ne: true }),
        $or: [{ worker: trusted({ $in: people.map((p) => p.worker) }) }, { user: trusted({ $in: [...byUser.keys()].map((u) => new Types.ObjectId(u)) }) }],
      },
      { user: 1, worker: 1 },
    ).lean();
    const counts = new Map<string, number>();
    for (const n of rows) {
      const key = n.worker ? String(n.worker) : byUser.get(String(n.user));
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }
}
