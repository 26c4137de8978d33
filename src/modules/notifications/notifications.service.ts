import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { isDuplicateKeyError, NotFoundError } from '../../platform/errors';
import type { JobQueue } from '../../platform/jobs/agenda';
import type { Logger } from '../../platform/logger';
import { Worker } from '../workers/worker.model';
import { findWorkerIdByUser } from '../workers/workers.lookup';
import type { DeliveryService } from './delivery.service';
import type { NoticeKinds } from './kinds';
import { byRecipient, entriesOf, recipientKey, touchInbox, unreadOf } from './inbox.read-model';
import { Notification } from './notification.model';
import { DRAIN_OUTBOX_JOB, type EmailOutbox } from './outbox.service';
import type { SecretBox } from './secrets';

export interface NoticeInput {
  /** Idempotency key: the same key is recorded once, however often it is sent. */
  key: string;
  kind: string;
  params?: Record<string, string>;
  link?: string;
  /** Not worth emailing after this instant (the class has begun, the link has expired). */
  notAfter?: Date;
  /** A value only the email may carry (sealed at rest, erased once the email is settled). */
  secret?: string;
}

/** What recording needs to hand a notice on to email delivery (absent: inbox only). */
export interface NoticeDispatch {
  kinds: NoticeKinds;
  queue: JobQueue;
  delivery: DeliveryService;
  outbox: EmailOutbox;
  secrets: SecretBox;
  logger: Logger;
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

/** A failed expedited send is tried again by the drain this much later. */
const EXPEDITE_RETRY_MS = 30 * 1000;

/** The notices of `ids` as the inbox lists them, in that order (by `_id` in parallel; a notice removed since is left out). */
async function inboxItems(ids: readonly string[]): Promise<InboxItem[]> {
  const rows = await Promise.all(ids.map((id) => Notification.findById(id, { kind: 1, params: 1, link: 1, readAt: 1, createdAt: 1 }).lean()));
  return rows
    .filter((n) => n != null)
    .map((n) => ({
      id: String(n._id),
      kind: n.kind,
      params: (n.params ?? {}) as Record<string, string>,
      link: n.link ?? undefined,
      read: !!n.readAt,
      createdAt: n.createdAt,
    }));
}

/**
 * Notices: stored first (the inbox), then emailed from the same record through the outbox and the
 * `notifications:drain-outbox` job (see EmailOutbox, DeliveryService).
 */
export class NotificationsService {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: { clock: Clock; dispatch?: NoticeDispatch }) {}

  /**
   * Records a notice for each worker: to their account when they have one, else to the worker
   * record (shown once they get an account). Returns how many were new (duplicates are skipped).
   */
  async notifyWorkers(workerIds: string[], notice: NoticeInput): Promise<number> {
    if (workerIds.length === 0) return 0;
    const workers = await Worker.find({ _id: trusted({ $in: workerIds }) }, { user: 1 }).lean();
    const listed: Array<{ id: string; user?: Types.ObjectId; worker?: Types.ObjectId }> = [];
    for (const w of workers) {
      const recipient = w.user ? { user: w.user } : { worker: w._id };
      const id = await this.record({ ...notice, key: `${notice.key}:${String(w._id)}` }, recipient);
      if (id) listed.push({ id, ...recipient });
    }
    // One refresh of the inbox read model for all of them (a bulk notice takes the locks in chunks).
    if (!this.isHidden(notice.kind)) await touchInbox(byRecipient(listed));
    if (listed.length > 0) await this.wakeDrain(notice.kind);
    return listed.length;
  }

  /** Records one notice for an account. Returns false when that key was already recorded. */
  async notifyUser(userId: string, notice: NoticeInput): Promise<boolean> {
    const user = new Types.ObjectId(userId);
    const id = await this.record({ ...notice, key: `${notice.key}:${userId}` }, { user });
    if (id && !this.isHidden(notice.kind)) await touchInbox(byRecipient([{ id, user }]));
    if (id) await this.wakeDrain(notice.kind);
    return id !== null;
  }

  /** Asks a worker to drain the outbox now rather than at its next interval (any process may). */
  private async wakeDrain(kind: string): Promise<void> {
    const dispatch = this.deps.dispatch;
    if (!dispatch?.kinds.get(kind)) return;
    await dispatch.queue.wake(DRAIN_OUTBOX_JOB).catch((err: unknown) => dispatch.logger.warn({ err }, 'could not wake the email drain'));
  }

  private isHidden(kind: string): boolean {
    return this.deps.dispatch?.kinds.get(kind)?.hidden ?? false;
  }

  /** Stores the notice and queues its email; its id, or null when that key was already recorded. */
  private async record(notice: NoticeInput, recipient: { user?: Types.ObjectId; worker?: Types.ObjectId }): Promise<string | null> {
    const dispatch = this.deps.dispatch;
    const spec = dispatch?.kinds.get(notice.kind);
    let id: string;
    try {
      const doc = await Notification.create({
        key: notice.key,
        kind: notice.kind,
        params: notice.params ?? {},
        link: notice.link,
        ...recipient,
        hidden: spec?.hidden ?? false,
        // Never stored in the clear; dropped altogether when there is nothing to seal it with.
        secret: notice.secret && dispatch ? dispatch.secrets.seal(notice.secret) : undefined,
        email: { status: spec ? 'pending' : 'inbox_only', queuedAt: this.deps.clock.now(), notAfter: notice.notAfter },
      });
      id = String(doc._id);
    } catch (err) {
      if (isDuplicateKeyError(err)) return null;
      throw err;
    }
    if (dispatch && spec) {
      // The notice is stored: a lost enqueue is found again by notifications:requeue-stalled.
      // An expedited one is sent at once below; the drain takes it only if that fails or stops.
      const at = spec.expedite ? new Date(Date.now() + EXPEDITE_RETRY_MS) : undefined;
      await dispatch.outbox.add(id, { at }).catch((err: unknown) => dispatch.logger.error({ err, notification: id }, 'could not queue the email'));
      if (spec.expedite) this.track(this.expedite(dispatch, id));
    }
    return id;
  }

  /**
   * Tries the email at once, without holding up the caller (whose answer must not depend on it: a
   * password-reset form must not reveal by its timing whether the account exists). The ledger
   * keeps this and the queued job from both sending.
   */
  private async expedite(dispatch: NoticeDispatch, id: string): Promise<void> {
    try {
      await dispatch.delivery.deliver(id, { final: false, fresh: false });
    } catch (err) {
      dispatch.logger.warn({ err, notification: id }, 'expedited email failed; the drain retries it');
      await dispatch.outbox.add(id, { at: new Date(Date.now() + EXPEDITE_RETRY_MS) }).catch(() => undefined);
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Resolves when expedited sends started so far have finished (shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  /**
   * Newest first: the actor's own notices and those addressed to their worker record. Read from the
   * inbox read model (one `_id` read per recipient) and the page's notices by `_id` in parallel, so
   * a page costs the same at any number of notices (see inbox.read-model.ts).
   */
  async listInbox(actor: Actor, page = 1): Promise<{ items: InboxItem[]; page: number; pages: number }> {
    const entries = await entriesOf(await this.recipientKeys(actor));
    const slice = entries.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    return { items: await inboxItems(slice.map((e) => e[0])), page, pages: Math.max(1, Math.ceil(entries.length / PAGE_SIZE)) };
  }

  /** The actor's newest `limit` unread notices (the home's list): found in the inbox read model, only those read by `_id`. */
  async latestUnread(actor: Actor, limit: number): Promise<InboxItem[]> {
    const entries = await entriesOf(await this.recipientKeys(actor));
    return (await inboxItems(entries.filter((e) => e[2] === 1).slice(0, limit).map((e) => e[0]))).filter((n) => !n.read);
  }

  /** The header's count, on every page: one small `_id` read per recipient (account, worker record). */
  async unreadCount(actor: Actor): Promise<number> {
    return unreadOf(await this.recipientKeys(actor));
  }

  /** @throws NotFoundError when the notice is not the actor's. */
  async markRead(actor: Actor, id: string): Promise<void> {
    if (!Types.ObjectId.isValid(id)) throw new NotFoundError();
    // By `_id` only (a second key would make FerretDB scan every notice); ownership checked on what was read.
    const n = await Notification.findById(id, { user: 1, worker: 1, readAt: 1 }).lean();
    const key = n ? recipientKey(n) : null;
    if (!n || !key || !(await this.recipientKeys(actor)).includes(key)) throw new NotFoundError();
    if (!n.readAt) await Notification.updateOne({ _id: n._id }, { $set: { readAt: this.deps.clock.now() } });
    await touchInbox(new Map([[key, [id]]]));
  }

  /**
   * Marks every unread notice the actor's inbox lists (from the read model: bounded by the unread
   * ones, each updated by `_id`). A notice recorded while this runs stays unread, as it should.
   */
  async markAllRead(actor: Actor): Promise<void> {
    const keys = await this.recipientKeys(actor);
    const now = this.deps.clock.now();
    const touched = new Map<string, string[]>();
    for (const key of keys) {
      const unread = (await entriesOf([key])).filter((e) => e[2] === 1).map((e) => e[0]);
      for (let i = 0; i < unread.length; i += 50) {
        await Promise.all(unread.slice(i, i + 50).map((id) => Notification.updateOne({ _id: id }, { $set: { readAt: now } })));
      }
      touched.set(key, unread);
    }
    await touchInbox(touched);
  }

  /** The inbox read-model keys of an actor: their account and, for a worker account, their worker record. */
  private async recipientKeys(actor: Actor): Promise<string[]> {
    // Only a worker account has notices addressed to its worker record (asked on every page).
    const worker = actor.roles.includes('worker') ? await findWorkerIdByUser(actor.id) : null;
    return worker ? [`u:${actor.id}`, `w:${worker}`] : [`u:${actor.id}`];
  }
}
