import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, ValidationError, isDuplicateKeyError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import type { SessionRevoker } from '../../platform/http/session';
import { Workshop, workshopNames } from '../workshops';
import { assertCanCreateWorkerAccounts, assertCanManageAccounts } from './accounts.policy';
import type { CreateAccountInput, UpdateAccountInput } from './accounts.schemas';
import { Credential } from './credential.model';
import { parseIdentifier } from './identifiers';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { User, type Role } from './user.model';

/** What a request carries about the signed-in account. */
export interface SessionUser {
  id: string;
  name: string;
  roles: Role[];
  workshopId?: string;
  language: Language;
  /** A one-time login code was used: only the new-password form until a password is set. */
  mustChangePassword?: boolean;
}

/**
 * The worker record a new worker login belongs to (the workers module provides it; accounts cannot
 * import workers, which builds on accounts).
 */
export interface WorkerLinkPort {
  /** @throws ValidationError when no worker, several, or one that already has a login, has these identifiers */
  targetFor(identifiers: { email?: string; phone?: string }): Promise<{ workerId: string; workshopId: string }>;
  /** Links once; false when the worker got a login in the meantime. */
  link(workerId: string, userId: string): Promise<boolean>;
}

export interface Preferences {
  language: Language;
  /** Reminders, confirmations and digests by email (essential messages are always sent). */
  emailOptional: boolean;
}

export interface AccountRow {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  roles: Role[];
  workshopId?: string;
  workshopName?: string;
  language: Language;
  active: boolean;
  lastLoginAt?: Date;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

const PAGE_SIZE = 25;

function toSessionUser(u: { _id: Types.ObjectId; name: string; roles: string[]; workshop?: Types.ObjectId | null; language?: string | null; mustChangePassword?: boolean | null }): SessionUser {
  return {
    id: String(u._id),
    name: u.name,
    roles: u.roles as Role[],
    workshopId: u.workshop ? String(u.workshop) : undefined,
    language: (u.language as Language) ?? 'id',
    ...(u.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class AccountsService {
  constructor(
    private readonly deps: {
      clock: Clock;
      sessions: SessionRevoker;
      /** One-time login codes, tried when the password does not match. */
      loginCodes?: { redeem(userId: string, input: string): Promise<boolean> };
      /** Given, an admin-made worker login is linked to its worker record (or refused). */
      workerLinks?: WorkerLinkPort;
    },
  ) {}

  /**
   * Checks a login name (email or phone) and password. Returns null for an unknown account,
   * a wrong password or a deactivated account alike, taking the same time for each. A one-time
   * login code is accepted in place of the password (see LoginCodesService.redeem).
   */
  async authenticate(identifierInput: string, password: string): Promise<SessionUser | null> {
    const id = parseIdentifier(identifierInput);
    if (!id) return verifyAgainstDummy(password).then(() => null);
    const user = await User.findOne({ [id.kind]: id.value }).lean();
    if (!user || !user.active) return verifyAgainstDummy(password).then(() => null);
    const credential = await Credential.findById(user._id).lean();
    if (!credential || !(await verifyPassword(credential.passwordHash, password))) {
      if (!this.deps.loginCodes || !(await this.deps.loginCodes.redeem(String(user._id), password))) return null;
      await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: this.deps.clock.now() } });
      return { ...toSessionUser(user), mustChangePassword: true };
    }
    await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: this.deps.clock.now() } });
    return toSessionUser(user);
  }

  /**
   * The key login throttling counts a posted login name under: the account's id when the name
   * belongs to one (so its email and its phone share one counter), else the name's normalised
   * spelling; null when it is neither an email nor a phone number.
   */
  async loginThrottleKey(identifierInput: string): Promise<string | null> {
    const id = parseIdentifier(identifierInput);
    if (!id) return null;
    const user = await User.findOne({ [id.kind]: id.value }, { _id: 1 }).lean();
    return user ? `account:${String(user._id)}` : `${id.kind}:${id.value}`;
  }

  /** The account behind a session, or null when it no longer exists or was deactivated. */
  async findSessionUser(id: string): Promise<SessionUser | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    // By `_id` alone (FerretDB answers only that from an index; see platform/http/session.ts), then `active`.
    const user = await User.findById(id, { name: 1, roles: 1, workshop: 1, language: 1, active: 1, mustChangePassword: 1 }).lean();
    return user && user.active === true ? toSessionUser(user) : null;
  }

  async setLanguage(userId: string, lng: Language): Promise<void> {
    await User.updateOne({ _id: userId }, { $set: { language: lng } });
  }

  /** The actor's own language and email choice (and whether they have an address at all). */
  async getPreferences(actor: Actor): Promise<Preferences & { hasEmail: boolean }> {
    const user = await User.findById(actor.id, { language: 1, emailOptional: 1, email: 1 }).lean();
    if (!user) throw new NotFoundError();
    return { language: user.language === 'en' ? 'en' : 'id', emailOptional: user.emailOptional !== false, hasEmail: !!user.email };
  }

  /** Sets the actor's own preferences: essential emails are sent whatever `emailOptional` says. */
  async setPreferences(actor: Actor, prefs: Preferences): Promise<void> {
    await User.updateOne({ _id: actor.id }, { $set: { language: prefs.language, emailOptional: prefs.emailOptional } });
  }

  /**
   * Creates an account with an initial password.
   * @throws ForbiddenError unless the actor is an admin; ValidationError for a taken email/phone or unknown workshop.
   */
  async createAccount(actor: Actor, input: CreateAccountInput): Promise<string> {
    assertCanManageAccounts(actor);
    await this.assertWorkshopExists(input.workshop);
    await this.assertIdentifiersFree(input);
    // A worker login without its worker record sees nothing of its own: link it or refuse.
    const target = input.roles.includes('worker') && this.deps.workerLinks ? await this.deps.workerLinks.targetFor(input) : null;
    const id = await this.insertAccount(
      {
        name: input.name,
        email: input.email,
        phone: input.phone,
        roles: [...new Set(input.roles)],
        workshop: target?.workshopId ?? input.workshop,
        language: input.language,
      },
      input.password,
    );
    if (target && !(await this.deps.workerLinks!.link(target.workerId, id))) {
      // The worker got a login in the meantime: do not leave an unlinked one behind.
      await Promise.all([User.deleteOne({ _id: id }), Credential.deleteOne({ _id: id })]);
      throw new ConflictError('conflict');
    }
    return id;
  }

  /**
   * Creates the login account of a worker record (on demand, by a coordinator or admin): the
   * `worker` role only, in the worker's workshop, reachable by email or, without one, by phone.
   * @throws ForbiddenError unless coordinator/admin; ValidationError for a taken email/phone.
   */
  async createWorkerAccount(
    actor: Actor,
    input: { name: string; email?: string; phone?: string; workshop: string; password: string; language?: Language },
  ): Promise<string> {
    assertCanCreateWorkerAccounts(actor);
    if (!input.email && !input.phone) throw new ValidationError({ email: 'validation.email_or_phone' });
    await this.assertIdentifiersFree(input);
    return this.insertAccount(
      { name: input.name, email: input.email, phone: input.phone, roles: ['worker'], workshop: input.workshop, language: input.language ?? 'id' },
      input.password,
    );
  }

  /** Writes the account, then its credential; both or neither (no transactions on FerretDB). */
  private async insertAccount(
    fields: { name: string; email?: string; phone?: string; roles: Role[]; workshop?: string; language: Language },
    password: string,
  ): Promise<string> {
    const passwordHash = await hashPassword(password);
    let user;
    try {
      user = await User.create(fields);
    } catch (err) {
      throw this.duplicateToValidation(err);
    }
    try {
      await Credential.create({ _id: user._id, passwordHash, changedAt: this.deps.clock.now() });
    } catch (err) {
      // Undo the half-made account rather than leave one that cannot log in.
      await User.deleteOne({ _id: user._id });
      throw err;
    }
    return String(user._id);
  }

  /**
   * Changes name, identifiers, roles, workshop and language. An admin cannot take the admin role
   * from themselves (so the system always keeps one).
   */
  async updateAccount(actor: Actor, id: string, input: UpdateAccountInput): Promise<void> {
    assertCanManageAccounts(actor);
    await this.getAccount(actor, id);
    if (actor.id === id && !input.roles.includes('admin')) {
      throw new ValidationError({ roles: 'validation.keep_own_admin' });
    }
    await this.assertWorkshopExists(input.workshop);
    await this.assertIdentifiersFree(input, id);
    const unset: Record<string, 1> = {};
    const set: Record<string, unknown> = { name: input.name, roles: [...new Set(input.roles)], language: input.language };
    for (const key of ['email', 'phone', 'workshop'] as const) {
      if (input[key]) set[key] = input[key];
      else unset[key] = 1;
    }
    try {
      await User.updateOne({ _id: id }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { runValidators: true });
    } catch (err) {
      throw this.duplicateToValidation(err);
    }
  }

  /**
   * Deactivating ends the account's sessions at once; its login is refused from then on, and it is
   * marked as an admin's decision, which switching the worker record off and on does not undo.
   */
  async setActive(actor: Actor, id: string, active: boolean): Promise<void> {
    assertCanManageAccounts(actor);
    await this.getAccount(actor, id);
    if (actor.id === id && !active) throw new ValidationError({ active: 'validation.keep_own_account' });
    await User.updateOne({ _id: id }, active ? { $set: { active }, $unset: { deactivatedBy: 1 } } : { $set: { active, deactivatedBy: 'admin' } });
    if (!active) await this.deps.sessions.endAllFor(id);
  }

  /** @throws NotFoundError */
  async getAccount(actor: Actor, id: string): Promise<AccountRow> {
    assertCanManageAccounts(actor);
    const user = Types.ObjectId.isValid(id) ? await User.findById(id).lean() : null;
    if (!user) throw new NotFoundError('account_not_found');
    const names = await workshopNames(user.workshop ? [String(user.workshop)] : []);
    return this.toRow(user, names);
  }

  /** Accounts by name, email or phone, newest first. */
  async listAccounts(actor: Actor, opts: { q?: string; page: number }): Promise<Page<AccountRow>> {
    assertCanManageAccounts(actor);
    let filter = {};
    if (opts.q) {
      const re = new RegExp(escapeRegex(opts.q), 'i');
      const phoneDigits = opts.q.replace(/\D/g, '').replace(/^0/, '');
      const or: Record<string, unknown>[] = [{ name: re }, { email: re }];
      if (phoneDigits.length >= 3) or.push({ phone: new RegExp(escapeRegex(phoneDigits)) });
      filter = { $or: or };
    }
    const [total, users] = await Promise.all([
      User.countDocuments(filter),
      User.find(filter).sort({ name: 1 }).skip((opts.page - 1) * PAGE_SIZE).limit(PAGE_SIZE).lean(),
    ]);
    const names = await workshopNames([...new Set(users.filter((u) => u.workshop).map((u) => String(u.workshop)))]);
    return {
      items: users.map((u) => this.toRow(u, names)),
      total,
      page: opts.page,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    };
  }

  /**
   * Changes the actor's own password after checking the current one; ends their other sessions.
   * @throws ValidationError when the current password is wrong.
   */
  async changePassword(actor: Actor, current: string, next: string, keepSessionId?: string): Promise<void> {
    const credential = await Credential.findById(actor.id).lean();
    if (!credential || !(await verifyPassword(credential.passwordHash, current))) {
      throw new ValidationError({ current: 'validation.current_password_wrong' });
    }
    await this.setPassword(actor.id, next);
    await this.deps.sessions.endAllFor(actor.id, keepSessionId);
  }

  /**
   * Sets the new password an account must choose after logging in with a one-time code (no current
   * password to check: the code was it); ends the account's other sessions.
   * @throws ValidationError when the account is not asked for one (use changePassword).
   */
  async setRequiredPassword(actor: Actor, next: string, keepSessionId?: string): Promise<void> {
    const user = await User.findById(actor.id, { mustChangePassword: 1 }).lean();
    if (!user?.mustChangePassword) throw new ValidationError({ current: 'validation.current_password_wrong' });
    await this.setPassword(actor.id, next);
    await this.deps.sessions.endAllFor(actor.id, keepSessionId);
  }

  /** Sets a password without checking the old one: for reset links, one-time codes and seeding. */
  async setPassword(userId: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await Credential.replaceOne(
      { _id: userId },
      { _id: new Types.ObjectId(userId), passwordHash, changedAt: this.deps.clock.now() },
      { upsert: true },
    );
    await User.updateOne({ _id: userId }, { $unset: { mustChangePassword: 1 } });
  }

  /**
   * Names the taken identifier before writing: FerretDB's duplicate-key error does not say which
   * index failed. The unique indexes stay the backstop for a race between two admins.
   */
  private async assertIdentifiersFree(input: { email?: string; phone?: string }, exceptId?: string): Promise<void> {
    const fields: Record<string, string> = {};
    const others = exceptId ? { _id: trusted({ $ne: new Types.ObjectId(exceptId) }) } : {};
    if (input.email && (await User.exists({ email: input.email, ...others }))) fields.email = 'validation.taken';
    if (input.phone && (await User.exists({ phone: input.phone, ...others }))) fields.phone = 'validation.taken';
    if (Object.keys(fields).length) throw new ValidationError(fields);
  }

  private async assertWorkshopExists(id: string | undefined): Promise<void> {
    if (id && !(await Workshop.exists({ _id: id, archived: false }))) {
      throw new ValidationError({ workshop: 'validation.workshop_unknown' });
    }
  }

  private duplicateToValidation(err: unknown): unknown {
    if (!isDuplicateKeyError(err)) return err;
    const keys = Object.keys((err as { keyPattern?: object }).keyPattern ?? {});
    const message = String((err as Error).message);
    const field = keys[0] ?? (message.includes('phone') ? 'phone' : 'email');
    return new ValidationError({ [field]: 'validation.taken' });
  }

  private toRow(u: Record<string, unknown> & { _id: Types.ObjectId }, names: Map<string, string>): AccountRow {
    const workshopId = u.workshop ? String(u.workshop) : undefined;
    return {
      id: String(u._id),
      name: u.name as string,
      email: (u.email as string | undefined) ?? undefined,
      phone: (u.phone as string | undefined) ?? undefined,
      roles: u.roles as Role[],
      workshopId,
      workshopName: workshopId ? names.get(workshopId) : undefined,
      language: (u.language as Language) ?? 'id',
      active: u.active !== false,
      lastLoginAt: (u.lastLoginAt as Date | undefined) ?? undefined,
    };
  }
}
