import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import type { Language } from '../../platform/i18n';
import { CompetencyUnit, localized, type Trade } from '../catalogue';
import { Worker } from '../workers';
import { workshopNames } from '../workshops';
import { matrixWorkshop } from './competencies.policy';
import type { MatrixQuery } from './competencies.schemas';
import { levelGap } from './gains';
import { positionKey } from './job-profile.model';
import { profilesByPosition, type ProfileLookup } from './job-profiles.service';
import { currentLevels } from './levels.service';

export interface MatrixColumn {
  id: string;
  code: string;
  title: string;
  synthetic: boolean;
}

export interface MatrixCell {
  unitId: string;
  /** Current level, or null when never assessed. */
  level: number | null;
  /** Required by the worker's own job profile, or null when it does not require the unit. */
  required: number | null;
  /** required − current, not below 0 (never assessed counts as 0). */
  gap: number;
}

export interface MatrixRow {
  workerId: string;
  name: string;
  workshop: string;
  position: string;
  /** Whether the worker's position has a job profile (else no gaps can be shown). */
  hasProfile: boolean;
  cells: MatrixCell[];
  totalGap: number;
}

/** Where the columns come from: the filtered position's profile, the trade's units, the shown workers' profiles, or what was assessed. */
export type MatrixBasis = 'position' | 'trade' | 'profiles' | 'assessed';

export interface SkillsMatrix {
  /** The filters as applied (a manager's workshop filled in). */
  query: MatrixQuery;
  basis: MatrixBasis;
  columns: MatrixColumn[];
  rows: MatrixRow[];
  /** More workers matched than a page shows; narrow the filters. */
  truncated: boolean;
}

/** A workshop of 3–15 workers shows whole; the whole estate at once is capped. */
export const MATRIX_MAX_ROWS = 1000;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type LeanUnit = { _id: Types.ObjectId; code: string; title?: { id?: string | null; en?: string | null } | null; synthetic?: boolean | null };

/** Workers × units with current levels and gaps against each worker's job profile. */
export class MatrixService {
  /**
   * The matrix for the filters: workshop, trade (the worker's trades) and position (ignoring case).
   * Columns: the units of the filtered position's job profile; else of the trade; else those the
   * shown workers' profiles require; else those assessed. Sorted by name, or by total gap (largest first).
   * @throws ForbiddenError for accounts without the matrix, and for a manager asking for another workshop
   */
  async buildMatrix(actor: Actor, query: MatrixQuery, lng: Language): Promise<SkillsMatrix> {
    const workshop = matrixWorkshop(actor, query.workshop);
    const applied: MatrixQuery = { ...query, workshop };
    const filter: Record<string, unknown> = { active: true };
    if (workshop) filter.workshop = new Types.ObjectId(workshop);
    if (query.trade) filter.trades = query.trade;
    if (query.position) filter.position = new RegExp(`^\\s*${escapeRegex(query.position.trim()).replace(/\s+/g, '\\s+')}\\s*$`, 'i');
    const found = await Worker.find(filter, { name: 1, workshop: 1, position: 1 }).sort({ name: 1, _id: 1 }).limit(MATRIX_MAX_ROWS + 1).lean();
    const workers = found.slice(0, MATRIX_MAX_ROWS);
    const [profiles, levels, shops] = await Promise.all([
      profilesByPosition(),
      currentLevels(workers.map((w) => String(w._id))),
      workshopNames([...new Set(workers.map((w) => String(w.workshop)))]),
    ]);
    const profileOf = (position?: string | null) => (position ? profiles.get(positionKey(position)) : undefined);
    const { basis, columns } = await this.columns(query, workers.map((w) => profileOf(w.position)), levels, lng);

    const rows = workers.map((w): MatrixRow => {
      const profile = profileOf(w.position);
      const required = new Map((profile?.requirements ?? []).map((r) => [r.unitId, r.level]));
      const mine = levels.get(String(w._id));
      const cells = columns.map((c) => {
        const level = mine?.get(c.id)?.level ?? null;
        const req = required.get(c.id) ?? null;
        return { unitId: c.id, level, required: req, gap: levelGap(req, level) };
      });
      return {
        workerId: String(w._id),
        name: w.name,
        workshop: shops.get(String(w.workshop)) ?? '—',
        position: w.position ?? '',
        hasProfile: !!profile,
        cells,
        totalGap: cells.reduce((sum, c) => sum + c.gap, 0),
      };
    });
    const byName = (a: MatrixRow, b: MatrixRow) => a.name.localeCompare(b.name, 'id') || a.workerId.localeCompare(b.workerId);
    rows.sort(query.sort === 'gap' ? (a, b) => b.totalGap - a.totalGap || byName(a, b) : byName);
    return { query: applied, basis, columns, rows, truncated: found.length > MATRIX_MAX_ROWS };
  }

  private async columns(
    query: MatrixQuery,
    workerProfiles: (ProfileLookup | undefined)[],
    levels: Map<string, Map<string, unknown>>,
    lng: Language,
  ): Promise<{ basis: MatrixBasis; columns: MatrixColumn[] }> {
    const toColumn = (u: LeanUnit): MatrixColumn => ({ id: String(u._id), code: u.code, title: localized(u.title, lng), synthetic: !!u.synthetic });
    const unitsById = async (ids: string[], sortByCode: boolean) => {
      if (ids.length === 0) return [];
      const units = (await CompetencyUnit.find({ _id: trusted({ $in: ids.map((i) => new Types.ObjectId(i)) }) }, { code: 1, title: 1, synthetic: 1 }).lean()) as LeanUnit[];
      const byId = new Map(units.map((u) => [String(u._id), u]));
      const ordered = ids.flatMap((i) => (byId.has(i) ? [toColumn(byId.get(i)!)] : []));
      return sortByCode ? ordered.sort((a, b) => a.code.localeCompare(b.code)) : ordered;
    };
    if (query.position) {
      const profile = (await profilesByPosition()).get(positionKey(query.position));
      if (profile) return { basis: 'position', columns: await unitsById(profile.requirements.map((r) => r.unitId), false) };
    }
    if (query.trade) {
      const units = (await CompetencyUnit.find({ trade: query.trade as Trade }, { code: 1, title: 1, synthetic: 1 }).sort({ code: 1 }).lean()) as LeanUnit[];
      return { basis: 'trade', columns: units.map(toColumn) };
    }
    const required = [...new Set(workerProfiles.flatMap((p) => (p ? p.requirements.map((r) => r.unitId) : [])))];
    if (required.length) return { basis: 'profiles', columns: await unitsById(required, true) };
    const assessed = [...new Set([...levels.values()].flatMap((m) => [...m.keys()]))];
    return { basis: 'assessed', columns: await unitsById(assessed, true) };
  }
}
