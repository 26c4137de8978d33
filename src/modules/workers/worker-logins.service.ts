import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import { ConflictError, ValidationError, isDuplicateKeyError } from '../../platform/errors';
import { User, type IssuedLoginCode, type LoginCodesService, type WorkerLinkPort } from '../accounts';
import { Worker } from './worker.model';
import { findWorkerIdByUser } from './workers.lookup';
import { assertCanManageWorkers } from './workers.policy';
import type { WorkersService } from './workers.service';
import type { WorkerDetail } from './workers.view';

/**
 * The link between a worker record and its login account, from both sides: an admin-made worker
 * login is linked to the worker with its phone/email, an existing unlinked login can be linked from
 * the worker page, and coordinators hand out one-time login codes for workers' accounts.
 *
 * A link is set once (`user` only where none exists) and never changed: workers.lookup caches found
 * links on that promise. The conditional update is not atomic on FerretDB, but two different logins
 * cannot race for one worker: each carries the worker's phone or email, which the unique indexes on
 * users keep to one account; and the unique index on `Worker.user` keeps an account to one worker.
 */
export class WorkerLoginsService implements WorkerLinkPort {
  constructor(private readonly deps: { workers: WorkersService; codes: LoginCodesService }) {}

  /**
   * The worker a new worker login with these identifiers belongs to.
   * @throws ValidationError when no worker, several workers, an inactive worker or one that already has a login match.
   */
  async targetFor(identifiers: { email?: string; phone?: string }): Promise<{ workerId: string; workshopId: string }> {
    const projection = { _id: 1, workshop: 1, user: 1, active: 1 };
    const [byPhone, byEmail] = await Promise.all([
      identifiers.phone ? Worker.find({ phone: identifiers.phone }, projection).lean() : [],
      identifiers.email ? Worker.find({ email: identifiers.email }, projection).lean() : [],
    ]);
    const found = new Map([...byPhone, ...byEmail].map((w) => [String(w._id), w]));
    if (found.size === 0) throw new ValidationError({ _form: 'accounts:users.worker_none' });
    if (found.size > 1) throw new ValidationError({ _form: 'accounts:users.worker_several' });
    const [w] = [...found.values()];
    if (w!.user) throw new ValidationError({ _form: 'accounts:users.worker_has_login' });
    if (w!.active === false) throw new ValidationError({ _form: 'accounts:users.worker_inactive' });
    return { workerId: String(w!._id), workshopId: String(w!.workshop) };
  }

  /** Links once; false when the worker already has a login or the account belongs to another worker. */
  async link(workerId: string, userId: string): Promise<boolean> {
    try {
      const r = await Worker.updateOne({ _id: workerId, user: trusted({ $exists: false }) }, { $set: { user: new Types.ObjectId(userId) } });
      return r.modifiedCount === 1;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  /**
   * The login that "Hubungkan akun yang ada" would link to an unlinked worker: the one account with
   * the worker role whose phone or email is the worker's and that no worker record has yet; null
   * when there is none, or two different accounts match (a person must sort that out).
   */
  async findLinkableAccount(worker: WorkerDetail): Promise<{ id: string; login: string } | null> {
    if (worker.userId) return null;
    const projection = { roles: 1, phone: 1, email: 1 };
    const [byPhone, byEmail] = await Promise.all([
      worker.phone ? User.findOne({ phone: worker.phone }, projection).lean() : null,
      worker.email ? User.findOne({ email: worker.email }, projection).lean() : null,
    ]);
    const found = new Map([byPhone, byEmail].filter((u) => !!u).map((u) => [String(u!._id), u!]));
    if (found.size !== 1) return null;
    const [u] = [...found.values()];
    if (!u!.roles.includes('worker') || (await findWorkerIdByUser(String(u!._id)))) return null;
    return { id: String(u!._id), login: u!.phone ?? u!.email ?? '' };
  }

  /**
   * Links the worker's existing, unlinked login (see findLinkableAccount).
   * @throws ForbiddenError unless coordinator/admin; ValidationError when the worker has a login or none can be linked; ConflictError after a race.
   */
  async linkExistingAccount(actor: Actor, workerId: string): Promise<void> {
    assertCanManageWorkers(actor);
    const worker = await this.deps.workers.getWorker(actor, workerId);
    if (worker.userId) throw new ValidationError({ _form: 'workers:account.exists' });
    const account = await this.findLinkableAccount(worker);
    if (!account) throw new ValidationError({ _form: 'workers:account.none_to_link' });
    if (!(await this.link(worker.id, account.id))) throw new ConflictError('conflict');
  }

  /**
   * A one-time login code for the worker's account, to read out or send by SMS/WhatsApp.
   * @throws ForbiddenError unless coordinator/admin, and for a coordinator when the account has
   * roles besides worker; ValidationError when the worker has no login (or it is deactivated).
   */
  async issueLoginCode(actor: Actor, workerId: string): Promise<IssuedLoginCode> {
    assertCanManageWorkers(actor);
    const worker = await this.deps.workers.getWorker(actor, workerId);
    if (!worker.userId) throw new ValidationError({ _form: 'workers:login_code.no_account' });
    return this.deps.codes.issue(actor, worker.userId);
  }
}
