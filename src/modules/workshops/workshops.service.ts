import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import { NotFoundError, ValidationError, isDuplicateKeyError } from '../../platform/errors';
import { Workshop, displayName, splitWorkshopName } from './workshop.model';
import { cachedWorkshops, workshopsByName } from './workshops.cache';
import { assertCanManageWorkshops, readableWorkshopId } from './workshops.policy';
import type { WorkshopInput, WorkshopSearch } from './workshops.schemas';

export interface WorkshopOption {
  id: string;
  name: string;
}

export interface WorkshopRow {
  id: string;
  name: string;
  legalForm: string;
  displayName: string;
  owner: string;
  products: string;
  unit: string;
  phone: string;
  contact: string;
  email: string;
  signatoryName: string;
  signatoryTitle: string;
  archived: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

export const WORKSHOP_PAGE_SIZE = 25;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Active workshops as choices for a form, sorted by name. */
export async function listWorkshopOptions(): Promise<WorkshopOption[]> {
  // From the workshops held in memory (workshops.cache.ts): `{archived: false}` decodes them all on FerretDB.
  return (await workshopsByName()).filter((w) => !w.archived).map((w) => ({ id: String(w._id), name: displayName(w) }));
}

/** Names by id, for showing a workshop beside an account without a join ($lookup is missing on FerretDB). */
export async function workshopNames(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await cachedWorkshops.pick(ids);
  return new Map([...rows].map(([id, w]) => [id, displayName(w)]));
}

type Lean = Record<string, unknown> & { _id: Types.ObjectId; name: string; legalForm: string };

function toRow(w: Lean): WorkshopRow {
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    id: String(w._id),
    name: w.name,
    legalForm: w.legalForm,
    displayName: displayName(w),
    owner: s(w.owner),
    products: s(w.products),
    unit: s(w.unit),
    phone: s(w.phone),
    contact: s(w.contact),
    email: s(w.email),
    signatoryName: s(w.signatoryName),
    signatoryTitle: s(w.signatoryTitle),
    archived: w.archived === true,
  };
}

/** The workshops (IKM tenants): search, create, edit, archive. Coordinators and admins manage; a manager reads their own. */
export class WorkshopsService {
  /** Workshops matching `q` in name, owner, products or unit; a manager sees only their own. */
  async listWorkshops(actor: Actor, opts: WorkshopSearch): Promise<Page<WorkshopRow>> {
    const own = readableWorkshopId(actor);
    const filter: Record<string, unknown> = { archived: opts.show === 'archived' };
    if (own) {
      filter._id = own;
      delete filter.archived;
    }
    if (opts.q) {
      const { name, legalForm } = splitWorkshopName(opts.q);
      const re = new RegExp(escapeRegex(name), 'i');
      filter.$or = [{ name: re }, { owner: re }, { products: re }, { unit: re }];
      if (legalForm) filter.legalForm = legalForm;
    }
    const [total, rows] = await Promise.all([
      Workshop.countDocuments(filter),
      Workshop.find(filter).sort({ name: 1 }).skip((opts.page - 1) * WORKSHOP_PAGE_SIZE).limit(WORKSHOP_PAGE_SIZE).lean(),
    ]);
    return { items: rows.map(toRow), total, page: opts.page, pages: Math.max(1, Math.ceil(total / WORKSHOP_PAGE_SIZE)) };
  }

  /**
   * One workshop. A manager asking for another workshop gets NotFoundError, as for an unknown id:
   * they learn nothing about the others.
   */
  async getWorkshop(actor: Actor, id: string): Promise<WorkshopRow> {
    const own = readableWorkshopId(actor);
    if (!Types.ObjectId.isValid(id) || (own && own !== id)) throw new NotFoundError();
    const w = await Workshop.findById(id).lean();
    if (!w) throw new NotFoundError();
    return toRow(w);
  }

  /**
   * @throws ForbiddenError unless coordinator/admin; ValidationError when the name is taken (in any case).
   */
  async createWorkshop(actor: Actor, input: WorkshopInput): Promise<string> {
    assertCanManageWorkshops(actor);
    await this.assertNameFree(input.name);
    try {
      const w = await Workshop.create(input);
      return String(w._id);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ValidationError({ name: 'workshops:validation.name_taken' });
      throw err;
    }
  }

  /** Replaces the editable fields; empty optional fields are removed. */
  async updateWorkshop(actor: Actor, id: string, input: WorkshopInput): Promise<void> {
    assertCanManageWorkshops(actor);
    await this.getWorkshop(actor, id);
    await this.assertNameFree(input.name, id);
    const set: Record<string, unknown> = { name: input.name, legalForm: input.legalForm };
    const unset: Record<string, 1> = {};
    for (const key of ['owner', 'products', 'unit', 'phone', 'contact', 'email', 'signatoryName', 'signatoryTitle'] as const) {
      if (input[key]) set[key] = input[key];
      else unset[key] = 1;
    }
    try {
      await Workshop.updateOne({ _id: id }, { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) }, { runValidators: true });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ValidationError({ name: 'workshops:validation.name_taken' });
      throw err;
    }
  }

  /**
   * Archived workshops leave the choice lists (new accounts, new workers) but keep their records:
   * people, history and certificates stay readable. Unarchiving brings them back.
   */
  async setArchived(actor: Actor, id: string, archived: boolean): Promise<void> {
    assertCanManageWorkshops(actor);
    await this.getWorkshop(actor, id);
    await Workshop.updateOne({ _id: id }, { $set: { archived } });
  }

  private async assertNameFree(name: string, exceptId?: string): Promise<void> {
    const filter: Record<string, unknown> = { name: new RegExp(`^${escapeRegex(name)}$`, 'i') };
    if (exceptId) filter._id = trusted({ $ne: new Types.ObjectId(exceptId) });
    if (await Workshop.exists(filter)) throw new ValidationError({ name: 'workshops:validation.name_taken' });
  }
}
