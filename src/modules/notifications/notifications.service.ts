import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { isDuplicateKeyError, NotFoundError } from '../../platform/errors';
import { Worker } from '../workers/worker.model';
import { Notification } from './notification.model';

export interface NoticeInput {
  /** Idempotency key: the same key is recorded once, however often it is sent. */
  key: string;
  kind: string;
  params?: Record<string, string>;
  link?: string;
}

export interface InboxItem {
  id: string;
  kind: string;
  params: Record<string, string>;
  link?: string;
  read: boolean;
  createdAt: Date;
}

const PAGE_SIZE = 30;

/** The in-app inbox: notices are stored first (the reminders issue emails them from these records). */
export class NotificationsService {
  constructor(private readonly deps: { clock: Clock }) {}

  /**
   * Records a notice for each worker: to their account when they have one, else to the worker
   * record (shown once they get an account). Returns how many were new (duplicates are skipped).
   */
  async notifyWorkers(workerIds: string[], notice: NoticeInput): Promise<number> {
    if (workerIds.length === 0) return 0;
    const workers = await Worker.find({ _id: trusted({ $in: workerIds }) }, { user: 1 }).lean();
    let created = 0;
    for (const w of workers) {
      const recipient = w.user ? { user: w.user } : { worker: w._id };
      if (await this.record({ ...notice, key: `${notice.key}:${String(w._id)}` }, recipient)) created++;
    }
    return created;
  }

  /** Records one notice for an account. Returns false when that key was already recorded. */
  async notifyUser(userId: string, notice: NoticeInput): Promise<boolean> {
    return this.record({ ...notice, key: `${notice.key}:${userId}` }, { user: new Types.ObjectId(userId) });
  }

  private async record(notice: NoticeInput, recipient: { user?: Types.ObjectId; worker?: Types.ObjectId }): Promise<boolean> {
    try {
      await Notification.create({ key: notice.key, kind: notice.kind, params: notice.params ?? {}, link: notice.link, ...recipient });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /** Newest first: the actor's own notices and those addressed to their worker record. */
  async listInbox(actor: Actor, page = 1): Promise<{ items: InboxItem[]; page: number; pages: number }> {
    const filter = await this.recipientFilter(actor);
    const [total, rows] = await Promise.all([
      Notification.countDocuments(filter),
      Notification.find(filter).sort({ createdAt: -1, _id: -1 }).skip((page - 1) * PAGE_SIZE).limit(PAGE_SIZE).lean(),
    ]);
    return {
      items: rows.map((n) => ({
        id: String(n._id),
        kind: n.kind,
        params: (n.params ?? {}) as Record<string, string>,
        link: n.link ?? undefined,
        read: !!n.readAt,
        createdAt: n.createdAt,
      })),
      page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    };
  }

  async unreadCount(actor: Actor): Promise<number> {
    return Notification.countDocuments({ ...(await this.recipientFilter(actor)), readAt: trusted({ $exists: false }) });
  }

  /** @throws NotFoundError when the notice is not the actor's. */
  async markRead(actor: Actor, id: string): Promise<void> {
    if (!Types.ObjectId.isValid(id)) throw new NotFoundError();
    const r = await Notification.updateOne({ _id: id, ...(await this.recipientFilter(actor)) }, { $set: { readAt: this.deps.clock.now() } });
    if (r.matchedCount === 0) throw new NotFoundError();
  }

  async markAllRead(actor: Actor): Promise<void> {
    await Notification.updateMany(
      { ...(await this.recipientFilter(actor)), readAt: trusted({ $exists: false }) },
      { $set: { readAt: this.deps.clock.now() } },
    );
  }

  private async recipientFilter(actor: Actor) {
    const worker = await Worker.findOne({ user: actor.id }, { _id: 1 }).lean();
    const or: Record<string, unknown>[] = [{ user: new Types.ObjectId(actor.id) }];
    if (worker) or.push({ worker: worker._id });
    return { $or: or };
  }
}
