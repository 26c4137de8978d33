import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { User } from '../accounts';
import { assertCanManageCatalogue } from './catalogue.policy';
import type { InstructorInput } from './catalogue.schemas';
import { Instructor } from './instructor.model';
import { assertObjectId, duplicateAs } from './shared';
import type { Trade } from './trades';

export interface InstructorRow {
  id: string;
  name: string;
  kind: 'internal' | 'external';
  organisation: string;
  phone: string;
  email: string;
  trades: Trade[];
  userId: string;
  userName: string;
  active: boolean;
}

export interface AccountChoice {
  id: string;
  name: string;
  login: string;
}

interface LeanInstructor {
  _id: unknown;
  name: string;
  kind: string;
  organisation?: string | null;
  phone?: string | null;
  email?: string | null;
  trades?: string[] | null;
  user?: unknown;
  active?: boolean | null;
}

function toRow(i: LeanInstructor, userNames: Map<string, string>): InstructorRow {
  const userId = i.user ? String(i.user) : '';
  return {
    id: String(i._id),
    name: i.name,
    kind: i.kind as InstructorRow['kind'],
    organisation: i.organisation ?? '',
    phone: i.phone ?? '',
    email: i.email ?? '',
    trades: (i.trades ?? []) as Trade[],
    userId,
    userName: userNames.get(userId) ?? '',
    active: i.active !== false,
  };
}

async function namesOfUsers(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await User.find({ _id: trusted({ $in: ids }) }, { name: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), u.name]));
}

/** Instructors: internal (senior workers, staff) or external (county training centre, polytechnic). */
export class InstructorsService {
  /** Every instructor, active first, by name. @throws ForbiddenError unless coordinator/admin */
  async listInstructors(actor: Actor): Promise<InstructorRow[]> {
    assertCanManageCatalogue(actor);
    const rows = await Instructor.find().sort({ active: -1, name: 1 }).lean();
    const names = await namesOfUsers(rows.filter((i) => i.user).map((i) => String(i.user)));
    return rows.map((i) => toRow(i, names));
  }

  /** @throws NotFoundError, ForbiddenError */
  async getInstructor(actor: Actor, id: string): Promise<InstructorRow> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    const row = await Instructor.findById(id).lean();
    if (!row) throw new NotFoundError();
    return toRow(row, await namesOfUsers(row.user ? [String(row.user)] : []));
  }

  /**
   * Active accounts with the instructor role that no other instructor record is linked to (the
   * current one's own account stays a choice).
   */
  async accountChoices(actor: Actor, instructorId?: string): Promise<AccountChoice[]> {
    assertCanManageCatalogue(actor);
    const [users, linked] = await Promise.all([
      User.find({ roles: 'instructor', active: true }, { name: 1, email: 1, phone: 1 }).sort({ name: 1 }).lean(),
      Instructor.find({ user: trusted({ $exists: true }) }, { user: 1 }).lean(),
    ]);
    const taken = new Set(linked.filter((i) => String(i._id) !== instructorId).map((i) => String(i.user)));
    return users
      .filter((u) => !taken.has(String(u._id)))
      .map((u) => ({ id: String(u._id), name: u.name, login: u.email ?? u.phone ?? '' }));
  }

  /** @throws ValidationError (account not an instructor or already linked), ForbiddenError */
  async createInstructor(actor: Actor, input: InstructorInput): Promise<string> {
    assertCanManageCatalogue(actor);
    await this.checkAccount(input.user, null);
    const { set } = this.fields(input);
    try {
      const created = await Instructor.create({ ...set, active: true });
      return String(created._id);
    } catch (err) {
      throw duplicateAs(err, 'user', 'catalogue:validation.account_linked');
    }
  }

  /** @throws NotFoundError, ValidationError, ForbiddenError */
  async updateInstructor(actor: Actor, id: string, input: InstructorInput): Promise<void> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    if (!(await Instructor.exists({ _id: id }))) throw new NotFoundError();
    await this.checkAccount(input.user, id);
    const { set, unset } = this.fields(input);
    try {
      await Instructor.updateOne({ _id: id }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { runValidators: true });
    } catch (err) {
      throw duplicateAs(err, 'user', 'catalogue:validation.account_linked');
    }
  }

  /** Inactive instructors keep their past sessions but are no longer offered for new ones. @throws NotFoundError */
  async setActive(actor: Actor, id: string, active: boolean): Promise<void> {
    assertCanManageCatalogue(actor);
    assertObjectId(id);
    const result = await Instructor.updateOne({ _id: id }, { $set: { active } });
    if (result.matchedCount === 0) throw new NotFoundError();
  }

  private async checkAccount(userId: string | undefined, instructorId: string | null): Promise<void> {
    if (!userId) return;
    const user = await User.findOne({ _id: userId, active: true }, { roles: 1 }).lean();
    if (!user || !user.roles.includes('instructor')) throw new ValidationError({ user: 'catalogue:validation.account_not_instructor' });
    const other = await Instructor.findOne({ user: new Types.ObjectId(userId) }, { _id: 1 }).lean();
    if (other && String(other._id) !== instructorId) throw new ValidationError({ user: 'catalogue:validation.account_linked' });
  }

  /** Optional fields left empty are removed ($unset), never stored as null: the account index is sparse. */
  private fields(input: InstructorInput) {
    const set: Record<string, unknown> = { name: input.name, kind: input.kind, organisation: input.organisation, trades: input.trades };
    const unset: Record<string, 1> = {};
    for (const key of ['phone', 'email', 'user'] as const) {
      if (input[key]) set[key] = input[key];
      else unset[key] = 1;
    }
    return { set, unset };
  }
}
