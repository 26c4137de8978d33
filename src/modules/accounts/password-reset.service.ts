import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { Types, trusted } from 'mongoose';
import type { Clock } from '../../platform/clock';
import { claimOnce } from '../../platform/db/claims';
import { AppError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import type { SessionRevoker } from '../../platform/http/session';
import { projectRoot } from '../../platform/paths';
import type { NoticeInput, NoticeKind } from '../notifications';
import type { AccountsService } from './accounts.service';
import { parseIdentifier } from './identifiers';
import { PasswordReset } from './password-reset.model';
import { User } from './user.model';

export const RESET_TTL_MS = 60 * 60 * 1000;
// Templates are read from src/ (tsc does not copy them to dist/).
const emailsDir = path.join(projectRoot(), 'src', 'modules', 'accounts', 'emails');

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
/** Tokens are 32 random bytes, base64url: anything else is not worth a database lookup. */
const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export class InvalidResetLinkError extends AppError {
  constructor() {
    super('validation', 'reset_link_invalid');
  }
}

/** Records a notice for an account; the notifications module emails it (through its ledger). */
export interface ResetNotices {
  notifyUser(userId: string, notice: NoticeInput): Promise<boolean>;
}

/**
 * How a reset link is emailed: essential (sent whatever the person chose), hidden from the inbox
 * (only the email matters), tried at once (someone is waiting). The token exists in clear only in
 * the email: the notice holds it sealed until its email is settled, then it is erased.
 */
export function passwordResetKind(appUrl: string): NoticeKind {
  return {
    kind: 'password-reset',
    essential: true,
    hidden: true,
    expedite: true,
    dir: emailsDir,
    template: 'password-reset',
    subject: 'emails:password-reset.subject',
    emailData: async (notice) =>
      notice.secret ? { link: `${appUrl}/reset-password/${notice.secret}`, expiresAt: new Date(notice.params.expiresAt ?? 0) } : null,
  };
}

export interface PasswordResetDeps {
  clock: Clock;
  notices: ResetNotices;
  accounts: AccountsService;
  sessions: SessionRevoker;
  appUrl: string;
  logger: Logger;
}

/** Password reset by an emailed, single-use link that expires after one hour. */
export class PasswordResetService {
  constructor(private readonly deps: PasswordResetDeps) {}

  /**
   * Emails a reset link when the login name belongs to an active account with an email address.
   * Says nothing about whether it did: the caller shows one message for every case, so the form
   * cannot be used to find out who has an account (the email goes out in the background, so the
   * answer takes as long either way).
   */
  async requestReset(identifierInput: string): Promise<void> {
    const id = parseIdentifier(identifierInput);
    if (!id) return;
    const user = await User.findOne({ [id.kind]: id.value, active: true }, { email: 1 }).lean();
    if (!user?.email) return;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.deps.clock.now().getTime() + RESET_TTL_MS);
    const tokenId = digest(token);
    await PasswordReset.create({ _id: tokenId, user: user._id, expiresAt });
    // Through the notification ledger: retried while the mail server is down, never sent twice,
    // and not sent at all once the link has expired.
    await this.deps.notices.notifyUser(String(user._id), {
      key: `password-reset:${tokenId}`,
      kind: 'password-reset',
      secret: token,
      notAfter: expiresAt,
      params: { expiresAt: expiresAt.toISOString() },
    });
    this.deps.logger.info({ userId: String(user._id) }, 'password reset link queued');
  }

  /** True while the link can still be used (shown before asking for a new password). */
  async isUsable(token: string): Promise<boolean> {
    if (!looksLikeToken(token)) return false;
    const found = await PasswordReset.exists({
      _id: digest(token),
      usedAt: trusted({ $exists: false }),
      expiresAt: trusted({ $gt: this.deps.clock.now() }),
    });
    return !!found;
  }

  /**
   * Sets a new password through a link. The link is spent first by claiming `password-reset:<digest>`
   * (an insert under a unique `_id`): a conditional update (`usedAt` unset → set) is not atomic on
   * FerretDB, and two parallel submissions of one link both passed it. Every other open link of the
   * account is spent too, and all its sessions end.
   * @throws InvalidResetLinkError when the link is unknown, used or expired.
   */
  async resetPassword(token: string, password: string): Promise<void> {
    if (!looksLikeToken(token)) throw new InvalidResetLinkError();
    const now = this.deps.clock.now();
    const id = digest(token);
    const link = await PasswordReset.findById(id).lean();
    if (!link || link.usedAt || link.expiresAt.getTime() <= now.getTime()) throw new InvalidResetLinkError();
    if (!(await claimOnce(`password-reset:${id}`))) throw new InvalidResetLinkError();
    await PasswordReset.updateOne({ _id: id }, { $set: { usedAt: now } });
    const userId = String(link.user);
    const user = await User.findOne({ _id: userId, active: true }, { _id: 1 }).lean();
    if (!user) throw new InvalidResetLinkError();
    await this.deps.accounts.setPassword(userId, password);
    await PasswordReset.updateMany({ user: new Types.ObjectId(userId), usedAt: trusted({ $exists: false }) }, { $set: { usedAt: now } });
    await this.deps.sessions.endAllFor(userId);
  }

  /** Housekeeping in place of a TTL index: used links after a day, unused ones once expired. */
  async purge(now: Date): Promise<number> {
    const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000);
    const r = await PasswordReset.deleteMany({
      $or: [{ expiresAt: trusted({ $lt: now }) }, { usedAt: trusted({ $lt: dayAgo }) }],
    });
    return r.deletedCount;
  }
}
