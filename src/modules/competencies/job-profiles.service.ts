import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import { cacheCollection } from '../../platform/db/collection-cache';
import { NotFoundError, ValidationError, isDuplicateKeyError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { CompetencyUnit, localized, type Trade } from '../catalogue';
import { workshopRosters } from '../workers';
import { assertCanManageProfiles } from './competencies.policy';
import type { ProfileInput } from './competencies.schemas';
import { JobProfile, positionKey } from './job-profile.model';

export interface ProfileRow {
  id: string;
  position: string;
  title: string;
  trade: Trade;
  coreScheme: string;
  units: number;
  /** Active workers holding the position. */
  workers: number;
}

export interface ProfileRequirement {
  unitId: string;
  code: string;
  title: string;
  synthetic: boolean;
  level: number;
}

export interface ProfileDetail {
  id: string;
  position: string;
  titleId: string;
  titleEn: string;
  title: string;
  trade: Trade;
  coreScheme: string;
  requirements: ProfileRequirement[];
}

/** A profile as other modules and the matrix use it: requirements by unit id, in stored order. */
export interface ProfileLookup {
  id: string;
  position: string;
  title: { id: string; en: string };
  trade: Trade;
  coreScheme: string;
  requirements: { unitId: string; level: number }[];
}

type LeanProfile = {
  _id: Types.ObjectId;
  position: string;
  positionKey: string;
  title?: { id?: string | null; en?: string | null } | null;
  trade: string;
  coreScheme?: string | null;
  requirements?: { unit: Types.ObjectId; level: number }[] | null;
};

const isId = (v: string) => /^[a-f0-9]{24}$/i.test(v);

function toLookup(p: LeanProfile): ProfileLookup {
  return {
    id: String(p._id),
    position: p.position,
    title: { id: p.title?.id ?? '', en: p.title?.en ?? '' },
    trade: p.trade as Trade,
    coreScheme: p.coreScheme ?? '',
    requirements: (p.requirements ?? []).map((r) => ({ unitId: String(r.unit), level: r.level })),
  };
}

/**
 * The job profiles held in the process (platform/db/collection-cache.ts): a few dozen, edited by
 * coordinators now and then, and read by every worker's home, "My skills", the matrix and the
 * reports — `{positionKey}` and `{}` would decode them all on FerretDB on each of those pages.
 */
const cachedProfiles = cacheCollection<LeanProfile & { _id: Types.ObjectId }>(JobProfile);

/** Every job profile by position key (lower case, single spaces), for matching `Worker.position`. */
export async function profilesByPosition(): Promise<Map<string, ProfileLookup>> {
  const rows = [...(await cachedProfiles.all()).values()];
  return new Map(rows.map((p) => [p.positionKey, toLookup(p)]));
}

/** The job profile of a position (case and spacing ignored), or null. */
export async function findProfileByPosition(position: string | null | undefined): Promise<ProfileLookup | null> {
  if (!position?.trim()) return null;
  const key = positionKey(position);
  for (const p of (await cachedProfiles.all()).values()) if (p.positionKey === key) return toLookup(p);
  return null;
}

/** Job profiles: what each position requires per competency unit. Coordinators and admins keep them. */
export class JobProfilesService {
  /** For pages that show a blank form. @throws ForbiddenError unless coordinator or admin */
  assertCanManage(actor: Actor): void {
    assertCanManageProfiles(actor);
  }

  /** All profiles by position, with how many units they require and how many workers hold them. @throws ForbiddenError */
  async listProfiles(actor: Actor, lng: Language): Promise<ProfileRow[]> {
    assertCanManageProfiles(actor);
    // The workers from the workshops' rosters (one point read per workshop), not a scan of every worker.
    const [profiles, workers] = await Promise.all([JobProfile.find({}).lean() as Promise<LeanProfile[]>, workshopRosters()]);
    const holders = new Map<string, number>();
    for (const w of workers) if (w.active && w.position) holders.set(positionKey(w.position), (holders.get(positionKey(w.position)) ?? 0) + 1);
    return profiles
      .map((p) => ({
        id: String(p._id),
        position: p.position,
        title: localized(p.title, lng),
        trade: p.trade as Trade,
        coreScheme: p.coreScheme ?? '',
        units: (p.requirements ?? []).length,
        workers: holders.get(p.positionKey) ?? 0,
      }))
      .sort((a, b) => a.position.localeCompare(b.position, 'id'));
  }

  /** @throws NotFoundError, ForbiddenError */
  async getProfile(actor: Actor, id: string, lng: Language): Promise<ProfileDetail> {
    assertCanManageProfiles(actor);
    const p = isId(id) ? ((await JobProfile.findById(id).lean()) as LeanProfile | null) : null;
    if (!p) throw new NotFoundError();
    const unitIds = (p.requirements ?? []).map((r) => r.unit);
    const units = unitIds.length ? await CompetencyUnit.find({ _id: trusted({ $in: unitIds }) }, { code: 1, title: 1, synthetic: 1 }).lean() : [];
    const byId = new Map(units.map((u) => [String(u._id), u]));
    return {
      id: String(p._id),
      position: p.position,
      titleId: p.title?.id ?? '',
      titleEn: p.title?.en ?? '',
      title: localized(p.title, lng),
      trade: p.trade as Trade,
      coreScheme: p.coreScheme ?? '',
      requirements: (p.requirements ?? []).flatMap((r) => {
        const u = byId.get(String(r.unit));
        return u ? [{ unitId: String(u._id), code: u.code, title: localized(u.title, lng), synthetic: !!u.synthetic, level: r.level }] : [];
      }),
    };
  }

  /** @throws ValidationError (position taken, unknown unit), ForbiddenError */
  async createProfile(actor: Actor, input: ProfileInput): Promise<string> {
    assertCanManageProfiles(actor);
    const fields = await this.fields(input);
    try {
      return String((await JobProfile.create(fields))._id);
    } catch (err) {
      throw isDuplicateKeyError(err) ? new ValidationError({ position: 'competencies:validation.position_taken' }) : err;
    }
  }

  /** @throws NotFoundError; ValidationError (position taken, unknown unit); ForbiddenError */
  async updateProfile(actor: Actor, id: string, input: ProfileInput): Promise<void> {
    assertCanManageProfiles(actor);
    if (!isId(id)) throw new NotFoundError();
    const fields = await this.fields(input);
    let result;
    try {
      result = await JobProfile.updateOne({ _id: new Types.ObjectId(id) }, { $set: fields }, { runValidators: true });
    } catch (err) {
      throw isDuplicateKeyError(err) ? new ValidationError({ position: 'competencies:validation.position_taken' }) : err;
    }
    if (result.matchedCount === 0) throw new NotFoundError();
  }

  /** Workers keep their position; they simply have no profile to be measured against. @throws NotFoundError, ForbiddenError */
  async deleteProfile(actor: Actor, id: string): Promise<void> {
    assertCanManageProfiles(actor);
    if (!isId(id)) throw new NotFoundError();
    const result = await JobProfile.deleteOne({ _id: new Types.ObjectId(id) });
    if (result.deletedCount === 0) throw new NotFoundError();
  }

  private async fields(input: ProfileInput) {
    const ids = input.requirements.map((r) => r.unit);
    const found = await CompetencyUnit.countDocuments({ _id: trusted({ $in: ids.map((i) => new Types.ObjectId(i)) }) });
    if (found !== new Set(ids).size) throw new ValidationError({ requirements: 'competencies:validation.unit_unknown' });
    return {
      position: input.position,
      positionKey: positionKey(input.position),
      title: { id: input.title_id, en: input.title_en },
      trade: input.trade,
      coreScheme: input.coreScheme,
      requirements: input.requirements.map((r) => ({ unit: new Types.ObjectId(r.unit), level: r.level })),
    };
  }
}
