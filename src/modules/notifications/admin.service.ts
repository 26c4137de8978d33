import type { i18n } from 'i18next';
import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { formatters, type Language } from '../../platform/i18n';
import type { JobQueue, JobRow } from '../../platform/jobs/agenda';
import type { JobState } from 'agenda';
import type { Mailer } from '../../platform/mail/mailer';
import type { EmailRenderer } from '../../platform/mail/render';
import { User } from '../accounts/user.model';
import { Worker } from '../workers/worker.model';
import type { DeliveryService } from './delivery.service';
import { noticeEmailsDir, type NoticeKinds } from './kinds';
import { Notification, type EmailStatus } from './notification.model';
import { assertCanRunDelivery } from './notifications.policy';
import { DRAIN_OUTBOX_JOB, type EmailOutbox } from './outbox.service';

const PAGE_SIZE = 50;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface LogItem {
  id: string;
  createdAt: Date;
  kind: string;
  recipient: string;
  /** `account`, or `worker` for a worker without an account. */
  addressedTo: 'account' | 'worker';
  status: EmailStatus;
  to?: string;
  attempts: number;
  lastError?: string;
  sentAt?: Date;
  canResend: boolean;
}

export interface LogQuery {
  status?: EmailStatus;
  kind?: string;
  q?: string;
  page: number;
}

/** The admin side of delivery: the notification log, sending again, test emails, the jobs page. */
export class DeliveryAdmin {
  constructor(
    private readonly deps: {
      clock: Clock;
      queue: JobQueue;
      delivery: DeliveryService;
      outbox: EmailOutbox;
      kinds: NoticeKinds;
      mailer: Mailer;
      renderer: EmailRenderer;
      i18n: i18n;
    },
  ) {}

  /** Newest first, filtered by email status, kind and recipient (name, email or phone). */
  async listLog(actor: Actor, query: LogQuery): Promise<{ items: LogItem[]; page: number; pages: number; total: number }> {
    assertCanRunDelivery(actor);
    const filter: Record<string, unknown> = {};
    if (query.status) filter['email.status'] = query.status;
    if (query.kind) filter.kind = query.kind;
    if (query.q) {
      const rx = new RegExp(escapeRegex(query.q), 'i');
      const who = { $or: [{ name: rx }, { email: rx }, { phone: rx }] };
      const [users, workers] = await Promise.all([User.find(who, { _id: 1 }).limit(500).lean(), Worker.find(who, { _id: 1 }).limit(500).lean()]);
      filter.$or = [{ user: trusted({ $in: users.map((u) => u._id) }) }, { worker: trusted({ $in: workers.map((w) => w._id) }) }];
    }
    const [total, rows] = await Promise.all([
      Notification.countDocuments(filter),
      Notification.find(filter, { secret: 0, params: 0 })
        .sort({ createdAt: -1, _id: -1 })
        .skip((query.page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .lean(),
    ]);
    const userIds = rows.flatMap((n) => (n.user ? [n.user] : []));
    const workerIds = rows.flatMap((n) => (n.worker ? [n.worker] : []));
    const [users, workers] = await Promise.all([
      User.find({ _id: trusted({ $in: userIds }) }, { name: 1 }).lean(),
      Worker.find({ _id: trusted({ $in: workerIds }) }, { name: 1 }).lean(),
    ]);
    const names = new Map([...users, ...workers].map((p) => [String(p._id), p.name]));
    const items = rows.map((n): LogItem => {
      const status = (n.email?.status ?? 'inbox_only') as EmailStatus;
      return {
        id: String(n._id),
        createdAt: n.createdAt,
        kind: n.kind,
        recipient: names.get(String(n.user ?? n.worker)) ?? '—',
        addressedTo: n.user ? 'account' : 'worker',
        status,
        to: n.email?.to ?? undefined,
        attempts: n.email?.attempts ?? 0,
        lastError: n.email?.lastError ?? undefined,
        sentAt: n.email?.sentAt ?? undefined,
        canResend: (status === 'failed' || status === 'unknown') && !n.hidden,
      };
    });
    return { items, page: query.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), total };
  }

  /**
   * Queues a failed or uncertain notice again. For an uncertain one the admin accepts that the
   * person may get it twice (they checked that it did not arrive). Hidden notices (reset links)
   * are not sent again: the person asks for a new link. False when it cannot be sent again.
   */
  async resend(actor: Actor, id: string): Promise<boolean> {
    assertCanRunDelivery(actor);
    if (!Types.ObjectId.isValid(id)) throw new NotFoundError();
    const n = await Notification.findById(id, { email: 1, hidden: 1 }).lean();
    if (!n) throw new NotFoundError();
    const status = n.email?.status;
    if ((status !== 'failed' && status !== 'unknown') || n.hidden) return false;
    const gen = await this.deps.delivery.ledger.release(id);
    const r = await Notification.updateOne(
      { _id: id, 'email.status': status },
      { $set: { 'email.status': 'pending', 'email.gen': gen, 'email.queuedAt': this.deps.clock.now() } },
    );
    if (r.modifiedCount === 0) return false;
    // A new retry budget: the admin saw why it failed.
    await this.deps.outbox.add(id, { freshBudget: true });
    // Without the wake the drain still takes it within its interval.
    await this.deps.queue.wake(DRAIN_OUTBOX_JOB).catch(() => undefined);
    return true;
  }

  /**
   * Sends a test email straight through the configured transport (not the ledger), so an admin
   * sees at once whether SMTP works.
   */
  async sendTestEmail(actor: Actor, to: string, lng: Language): Promise<{ ok: true; transport: string } | { ok: false; error: string }> {
    assertCanRunDelivery(actor);
    const t = this.deps.i18n.getFixedT(lng);
    const subject = t('notifications:email.subject.test-email');
    const now = this.deps.clock.now();
    const mail = await this.deps.renderer.render(noticeEmailsDir, 'test-email', lng, {
      defaultValue: subject,
      date: formatters(lng).date(now),
      time: formatters(lng).time(now),
      transport: this.deps.mailer.kind,
    });
    try {
      await this.deps.mailer.send({ to, ...mail, subject });
      return { ok: true, transport: this.deps.mailer.kind };
    } catch (err) {
      return { ok: false, error: (err instanceof Error ? err.message : String(err)).slice(0, 300) };
    }
  }

  kindNames(): string[] {
    return this.deps.kinds
      .list()
      .map((k) => k.kind)
      .sort();
  }

  /** Jobs from the agendaJobs collection, newest first, optionally in one state. */
  async listJobs(actor: Actor, query: { state?: JobState; page: number }): Promise<{ items: JobRow[]; page: number; pages: number; total: number }> {
    assertCanRunDelivery(actor);
    const r = await this.deps.queue.list({ state: query.state, skip: (query.page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    return { items: r.jobs, page: query.page, pages: Math.max(1, Math.ceil(r.total / PAGE_SIZE)), total: r.total };
  }

  /** Runs a failed job again now, with a fresh retry budget. False when it is not a failed job. */
  async retryJob(actor: Actor, id: string): Promise<boolean> {
    assertCanRunDelivery(actor);
    return this.deps.queue.retry(id);
  }
}
