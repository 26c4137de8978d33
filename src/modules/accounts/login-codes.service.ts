import { randomBytes, randomInt } from 'node:crypto';
import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, ValidationError, isDuplicateKeyError } from '../../platform/errors';
import type { SessionRevoker } from '../../platform/http/session';
import type { Language } from '../../platform/i18n';
import { AuditService } from '../audit';
import { assertCanIssueLoginCode } from './accounts.policy';
import { LoginCode, LoginCodeUse } from './login-code.model';
import { hashPassword, verifyPassword } from './passwords';
import { User } from './user.model';

export const LOGIN_CODE_TTL_MS = 30 * 60 * 1000;
// No 0/O, 1/I/L: the code is read out over the phone or typed from an SMS.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;

/** Spelling-tolerant: "k7pm3 xqaz9" and "K7PM3-XQAZ9" are the same code. */
const normalizeCode = (input: string) => input.toUpperCase().replace(/[\s-]/g, '');
const looksLikeCode = (code: string) => code.length === CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c));

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What the issuer is shown, once: the code in clear exists only here. */
export interface IssuedLoginCode {
  code: string;
  expiresAt: Date;
  minutes: number;
  loginUrl: string;
  person: { id: string; name: string; phone?: string; email?: string; language: Language };
}

/**
 * One-time login codes for people who cannot use an emailed reset link (workers often have no
 * email): a coordinator or admin issues one, reads it out or sends it by SMS/WhatsApp; the person
 * logs in with it instead of the password once, within 30 minutes, and must then set a new password.
 */
export class LoginCodesService {
  private readonly audit: AuditService;

  constructor(private readonly deps: { clock: Clock; sessions: SessionRevoker; appUrl: string }) {
    this.audit = new AuditService({ clock: deps.clock });
  }

  /**
   * Issues a new code for an account (replacing an open one) and records who issued it.
   * @throws NotFoundError for an unknown account; ForbiddenError (see assertCanIssueLoginCode);
   * ValidationError for a deactivated account; ConflictError when another code was issued at the same moment.
   */
  async issue(actor: Actor, userId: string): Promise<IssuedLoginCode> {
    const user = Types.ObjectId.isValid(userId) ? await User.findById(userId, { name: 1, phone: 1, email: 1, roles: 1, language: 1, active: 1 }).lean() : null;
    if (!user) throw new NotFoundError('account_not_found');
    assertCanIssueLoginCode(actor, { roles: user.roles });
    if (user.active === false) throw new ValidationError({ _form: 'accounts:login_code.inactive' });
    const code = newCode();
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + LOGIN_CODE_TTL_MS);
    await LoginCode.deleteOne({ _id: user._id });
    try {
      await LoginCode.create({
        _id: user._id,
        codeHash: await hashPassword(code),
        issueId: randomBytes(16).toString('hex'),
        issuedBy: new Types.ObjectId(actor.id),
        issuedAt: now,
        expiresAt,
      });
    } catch (err) {
      // Two issuers at once: the first insert stands, the second is told rather than shown a dead code.
      if (isDuplicateKeyError(err)) throw new ConflictError('conflict');
      throw err;
    }
    await this.audit.record(actor, 'account.login_code_issue', 'user', user._id, { expiresAt: expiresAt.toISOString() });
    return {
      code: `${code.slice(0, 5)}-${code.slice(5)}`,
      expiresAt,
      minutes: LOGIN_CODE_TTL_MS / 60000,
      loginUrl: `${this.deps.appUrl}/login`,
      person: { id: String(user._id), name: user.name, phone: user.phone ?? undefined, email: user.email ?? undefined, language: user.language === 'en' ? 'en' : 'id' },
    };
  }

  /**
   * Spends the account's open code when `input` is it and it has not expired: the use is claimed
   * by an insert under a unique id, so two parallel logins with one code cannot both pass. The
   * account must then set a new password before anything else, and all its sessions end.
   * @returns false for no code, a wrong or expired code, or a code already used.
   */
  async redeem(userId: string, input: string): Promise<boolean> {
    const code = normalizeCode(input);
    if (!looksLikeCode(code)) return false;
    const open = await LoginCode.findById(userId).lean();
    const now = this.deps.clock.now();
    if (!open || open.expiresAt <= now || !(await verifyPassword(open.codeHash, code))) return false;
    try {
      await LoginCodeUse.create({ _id: open.issueId, user: open._id, at: now });
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
    // Only this issuance: a code issued since stays open.
    await LoginCode.deleteOne({ _id: open._id, issueId: open.issueId });
    await User.updateOne({ _id: open._id }, { $set: { mustChangePassword: true } });
    await this.deps.sessions.endAllFor(userId);
    await this.audit.record({ id: userId, roles: [] }, 'account.login_code_use', 'user', open._id, { issuedBy: String(open.issuedBy) });
    return true;
  }

  /** Housekeeping in place of a TTL index: expired codes, and use claims after a day. */
  async purge(now: Date): Promise<number> {
    const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000);
    const codes = await LoginCode.deleteMany({ expiresAt: trusted({ $lt: now }) });
    const uses = await LoginCodeUse.deleteMany({ at: trusted({ $lt: dayAgo }) });
    return codes.deletedCount + uses.deletedCount;
  }
}
