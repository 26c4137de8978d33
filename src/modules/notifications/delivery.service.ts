import type { i18n } from 'i18next';
import { Types, type Connection } from 'mongoose';
import type { Clock } from '../../platform/clock';
import { formatters } from '../../platform/i18n';
import type { Logger } from '../../platform/logger';
import type { Mailer, OutgoingMail } from '../../platform/mail/mailer';
import type { EmailRenderer } from '../../platform/mail/render';
import { DeliveryLedger, type Claim } from './delivery.ledger';
import type { NoticeKind, NoticeKinds } from './kinds';
import type { EmailStatus } from './notification.model';
import { localiseParams } from './params';
import { findRecipient, modelsOn, type Models, type Recipient } from './recipients';
import type { SecretBox } from './secrets';

/** One Agenda job per notice: how sends were queued before the outbox (still run, never queued now). */
export const SEND_EMAIL_JOB = 'notifications:send-email';

export interface DeliveryOptions {
  /** How long a sender owns a claim; longer than the slowest SMTP exchange nodemailer allows. */
  leaseMs: number;
  /** Older notices are not emailed any more (marked expired). */
  maxAgeMs: number;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = { leaseMs: 15 * 60 * 1000, maxAgeMs: 7 * 24 * 3600 * 1000 };

export type DeliveryOutcome = EmailStatus | 'busy' | 'gone';

/** The SMTP server did not take the message and a later try may succeed (the outbox retries it after its backoff). */
export class DeliveryFailedError extends Error {
  override readonly name = 'DeliveryFailedError';
}

/**
 * What a failed send means. A reply code is certain (5xx: refused for good); failing to reach or
 * greet the server is certain (nothing was sent); a connection lost mid-conversation is not: the
 * server may have taken the message just before, so it counts as possibly sent.
 */
export function classifySmtpError(err: unknown): 'retry' | 'permanent' | 'uncertain' {
  const e = (err ?? {}) as { responseCode?: unknown; code?: unknown; originalCode?: unknown; timeoutType?: unknown };
  if (typeof e.responseCode === 'number') return e.responseCode >= 500 ? 'permanent' : 'retry';
  const code = String(e.originalCode ?? e.code ?? '');
  if (/^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EDNS|EAUTH|ETLS|EENVELOPE|EPROTOCOL)$/.test(code)) return 'retry';
  if (typeof e.timeoutType === 'string' && e.timeoutType !== 'SOCKET_TIMEOUT') return 'retry';
  if (/^(ECONNECTION|ESOCKET|ETIMEDOUT|ECONNRESET|EPIPE)$/.test(code)) return 'uncertain';
  return 'retry';
}

/** Writes of "sent" tried this many times (about 6 s in all) before the job fails. */
const SETTLE_TRIES = 6;
const UNCERTAIN = 'uncertain: a sender stopped while the SMTP server may have taken the message';
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

export interface DeliveryDeps {
  connection: Connection;
  clock: Clock;
  mailer: Mailer;
  renderer: EmailRenderer;
  i18n: i18n;
  appUrl: string;
  kinds: NoticeKinds;
  secrets: SecretBox;
  logger: Logger;
  options?: Partial<DeliveryOptions>;
}

type Mail = OutgoingMail & { messageId: string; headers: Record<string, string> };

/**
 * Emails stored notices, each at most once (see the README: the delivery ledger). The recipient's
 * address, language and choice are read at send time.
 */
export class DeliveryService {
  readonly options: DeliveryOptions;
  readonly ledger: DeliveryLedger;
  private readonly m: Models;
  private readonly host: string;

  constructor(private readonly deps: DeliveryDeps) {
    this.options = { ...DELIVERY_DEFAULTS, ...deps.options };
    this.m = modelsOn(deps.connection);
    this.ledger = new DeliveryLedger({ Delivery: this.m.Delivery, clock: deps.clock, leaseMs: this.options.leaseMs });
    this.host = new URL(deps.appUrl).hostname;
  }

  /**
   * Emails one notice unless it is settled, claiming it in the ledger first.
   * `final`: the last automatic try, so a failure marks the notice failed. `fresh`: a new job (or
   * an admin's retry), which may try a failed notice again.
   * @throws DeliveryFailedError when the server did not take it and a retry may help.
   */
  async deliver(id: string, ctx: { final: boolean; fresh: boolean }): Promise<DeliveryOutcome> {
    if (!Types.ObjectId.isValid(id)) return 'gone';
    const n = await this.m.Notification.findById(id).lean();
    if (!n) return 'gone';
    const status = (n.email?.status ?? 'inbox_only') as EmailStatus;
    if (status !== 'pending' && !(status === 'failed' && ctx.fresh)) return status;
    // An admin's retry of a failed notice: it is pending again, with the retry budget of this job.
    // By `_id` only (a second key makes FerretDB scan every notice); it moves only before a claim is held.
    if (status === 'failed') await this.m.Notification.updateOne({ _id: id }, { $set: { 'email.status': 'pending' } });
    const gen = n.email?.gen ?? 0;
    const spec = this.deps.kinds.get(n.kind);
    if (!spec) return this.skip(id, gen, 'inbox_only');
    const now = this.deps.clock.now();
    const queuedAt = n.email?.queuedAt ?? n.createdAt;
    if ((n.email?.notAfter && now >= n.email.notAfter) || now.getTime() - queuedAt.getTime() > this.options.maxAgeMs) return this.skip(id, gen, 'expired');
    const recipient = await findRecipient(this.m, n);
    if (!recipient?.email) return this.skip(id, gen, 'no_email');
    if (!spec.essential && !recipient.emailOptional) return this.skip(id, gen, 'opted_out');

    // Composed before claiming, so the claim is held only for the SMTP exchange itself.
    let mail: Mail | null;
    try {
      mail = await this.compose({ ...n, id }, spec, recipient);
    } catch (err) {
      return this.fail(id, gen, err, ctx.final, false);
    }
    if (!mail) return this.skip(id, gen, 'expired');

    const held = await this.claim(id, gen);
    if (held.kind !== 'held') return held.outcome;
    const claim = held.claim;
    let messageId: string;
    try {
      messageId = (await this.deps.mailer.send(mail)).messageId;
    } catch (err) {
      const kind = classifySmtpError(err);
      if (kind === 'uncertain') {
        await this.ledger.settle(claim, 'unknown', errorText(err));
        return this.settle(id, 'unknown', { 'email.lastError': `${UNCERTAIN}: ${errorText(err)}`, 'email.lastAttemptAt': this.deps.clock.now() }, true);
      }
      return this.fail(id, claim.gen + 1, err, ctx.final || kind === 'permanent', kind === 'permanent', claim);
    }
    const sentAt = this.deps.clock.now();
    const set = { 'email.to': recipient.email, 'email.language': recipient.language, 'email.sentAt': sentAt, 'email.lastAttemptAt': sentAt, 'email.messageId': messageId };
    // The server took it: recording that must not be lost to a passing database error (a notice left
    // pending with its claim held is only settled, as uncertain, when the lease lapses).
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.settle(id, 'sent', set, true);
      } catch (err) {
        if (attempt >= SETTLE_TRIES) throw err;
        this.deps.logger.warn({ notification: id, err: errorText(err), attempt }, 'could not record a sent email; trying again');
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  }

  /**
   * Claims generation `gen` in the ledger: every write of a notice's email status is made by the
   * holder of a claim, so those writes can go by `_id` alone (see `settle`).
   */
  private async claim(id: string, gen: number): Promise<{ kind: 'held'; claim: Claim } | { kind: 'done'; outcome: DeliveryOutcome }> {
    const held = await this.ledger.claim(id, gen);
    if (held.kind === 'held') return held;
    if (held.kind === 'busy') return { kind: 'done', outcome: 'busy' };
    // A lapsed claim: unless its sender recorded "sent" after all (it was only slow), the outcome is unknown.
    const now = await this.m.Notification.findById(id, { 'email.status': 1 }).lean();
    if (now?.email?.status === 'sent') return { kind: 'done', outcome: 'sent' };
    return { kind: 'done', outcome: await this.settle(id, 'unknown', { 'email.lastError': UNCERTAIN }) };
  }

  /** Settles a notice that is not to be sent (expired, no address…), as the holder of a claim. */
  private async skip(id: string, gen: number, status: EmailStatus): Promise<DeliveryOutcome> {
    const held = await this.claim(id, gen);
    if (held.kind !== 'held') return held.outcome;
    await this.settle(id, status);
    await this.ledger.settle(held.claim, 'skipped', status);
    return status;
  }

  /**
   * Records a settled status, by `_id` only: on FerretDB a filter with a second key
   * (`{_id, 'email.status'}`) scans every notice, the main cost of delivery at a few thousand
   * notices. It is safe without the status condition because only the holder of the current ledger
   * claim writes a status, and the next generation can be claimed only after this holder finished
   * writing the notice (`fail` writes the notice first, the ledger row last).
   */
  private async settle(id: string, status: EmailStatus, set: Record<string, unknown> = {}, attempted = false): Promise<EmailStatus> {
    await this.m.Notification.updateOne(
      { _id: id },
      { $set: { 'email.status': status, ...set }, $unset: { secret: 1 }, ...(attempted ? { $inc: { 'email.attempts': 1 } } : {}) },
    );
    return status;
  }

  /** Records a failed attempt; the next one claims generation `nextGen` (freed only after the notice is written). */
  private async fail(id: string, nextGen: number, err: unknown, final: boolean, permanent: boolean, claim?: Claim): Promise<DeliveryOutcome> {
    const message = errorText(err);
    const set = { 'email.lastError': message, 'email.lastAttemptAt': this.deps.clock.now() };
    if (final) await this.settle(id, 'failed', set, true);
    else await this.m.Notification.updateOne({ _id: id }, { $set: set, $inc: { 'email.attempts': 1 } });
    await this.m.Notification.updateOne({ _id: id }, { $max: { 'email.gen': nextGen } });
    if (claim) await this.ledger.settle(claim, 'failed', message);
    this.deps.logger.warn({ notification: id, err: message, final }, 'notification email failed');
    if (permanent) return 'failed';
    throw new DeliveryFailedError(message);
  }

  private async compose(
    n: { id: string; kind: string; params?: unknown; link?: string | null; secret?: string | null; createdAt: Date },
    spec: NoticeKind,
    to: Recipient,
  ): Promise<Mail | null> {
    const secret = n.secret ? (this.deps.secrets.open(n.secret) ?? undefined) : undefined;
    const raw = (n.params ?? {}) as Record<string, string>;
    const extra = spec.emailData ? await spec.emailData({ id: n.id, kind: n.kind, params: raw, link: n.link ?? undefined, secret, createdAt: n.createdAt }) : {};
    if (extra === null) return null;
    const lng = to.language;
    const params = localiseParams(raw, lng, formatters(lng));
    const subject = this.deps.i18n.getFixedT(lng)(spec.subject, params);
    const appUrl = this.deps.appUrl;
    const link = n.link?.startsWith('/') ? `${appUrl}${n.link}` : undefined;
    // The renderer takes its subject from `emails:<template>.subject`; kinds keep theirs in their own
    // namespace, so it is handed over as the default.
    const rendered = await this.deps.renderer.render(spec.dir, spec.template, lng, {
      kind: n.kind,
      name: to.name,
      params,
      link,
      essential: spec.essential,
      preferencesUrl: `${appUrl}/account/preferences`,
      ...extra,
      defaultValue: subject,
    });
    return {
      to: to.email!,
      subject,
      html: rendered.html,
      text: rendered.text,
      // Stable per notice: mail systems that see the same Message-ID twice keep one.
      messageId: `<notice-${n.id}@${this.host}>`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Takaru-Notice': n.id },
    };
  }
}
