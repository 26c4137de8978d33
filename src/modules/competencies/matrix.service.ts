import type { Actor } from '../../platform/actor';
import type { Language } from '../../platform/i18n';
import { cachedUnits, localized } from '../catalogue';
import { workshopRosters } from '../workers';
import { workshopNames } from '../workshops';
import { matrixWorkshop } from './competencies.policy';
import { MATRIX_PAGE_SIZE, type MatrixQuery } from './competencies.schemas';

/** At most this many level cells on one page (fewer workers per page when there are many columns). */
export const MATRIX_CELLS_PER_PAGE = 500;
const MATRIX_MIN_PAGE_SIZE = 10;
/** One collator for every comparison (`localeCompare(…, 'id')` builds one per call: slow over 5,000 names). */
const NAME_ORDER = new Intl.Collator('id');
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

export interface MatrixPaging {
  /** 1-based; a page past the last shows the last. */
  page: number;
  pages: number;
  size: number;
}

export interface SkillsMatrix {
  /** The filters as applied (a manager's workshop filled in, the page clamped). */
  query: MatrixQuery;
  basis: MatrixBasis;
  columns: MatrixColumn[];
  /** The rows of this page (every matching row for `{ all: true }`). */
  rows: MatrixRow[];
  /** Workers matching the filters (after "gaps only"), on all pages. */
  total: number;
  /** Null for `{ all: true }` (the exports). */
  paging: MatrixPaging | null;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type LeanUnit = { _id: unknown; code: string; title?: { id?: string | null; en?: string | null } | null; synthetic?: boolean | null };

/** Workers × units with current levels and gaps against each worker's job profile. */
export class MatrixService {
  /**
   * The matrix for the filters: workshop, trade (the worker's trades), position (ignoring case) and
   * "gaps only"; one page of `MATRIX_PAGE_SIZE` workers, or every matching worker with `all` (exports).
   * Columns: the units of the filtered position's job profile; else of the trade; else those the
   * matching workers' profiles require; else those assessed (on this page). Sorted by name, or by
   * total gap (largest first).
   * The workers come from the `workshop-workers` read model (workers module): one point read for a
   * workshop, one per workshop for all; the filters apply in TypeScript, never as a query on workers
   * (a full scan on FerretDB).
   * Levels are read per worker from the `worker-levels` read model (point reads): sorted by name
   * without "gaps only", only the page's workers; by gap or with "gaps only", every matching worker
   * (the order and the count depend on all of them).
   * @throws ForbiddenError for accounts without the matrix, and for a manager asking for another workshop
   */
  async buildMatrix(actor: Actor, query: MatrixQuery, lng: Language, opts: { all?: boolean } = {}): Promise<SkillsMatrix> {
    const workshop = matrixWorkshop(actor, query.workshop);
    // The position ignores case and spacing, as the query on workers did.
    const position = query.position ? new RegExp(`^\\s*${escapeRegex(query.position.trim()).replace(/\s+/g, '\\s+')}\\s*$`, 'i') : null;
    const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => NAME_ORDER.compare(a.name, b.name) || a.id.localeCompare(b.id);
    const workers = (await workshopRosters(workshop ? [workshop] : undefined))
      .filter((w) => w.active && (!query.trade || w.trades.includes(query.trade)) && (!position || position.test(w.position)))
      .sort(byName);
    const profiles = await profilesByPosition();
    const profileOf = (position?: string | null) => (position ? profiles.get(positionKey(position)) : undefined);
    // Columns from profiles or the trade are known before any level is read; "assessed" ones after.
    const known = await this.columns(query, workers.map((w) => profileOf(w.position)), lng);
    // Fewer rows when there are many columns, so a page's HTML stays bounded (~150 KB).
    const size = known ? Math.max(MATRIX_MIN_PAGE_SIZE, Math.min(MATRIX_PAGE_SIZE, Math.floor(MATRIX_CELLS_PER_PAGE / Math.max(1, known.columns.length)))) : MATRIX_PAGE_SIZE;
    const pageOf = (count: number) => Math.min(query.page, Math.max(1, Math.ceil(count / size)));

    // Sorted by name and not narrowed by gaps, the page is known before any level is read.
    const everyone = opts.all || query.gaps || query.sort === 'gap';
    const read = everyone ? workers : workers.slice((pageOf(workers.length) - 1) * size, pageOf(workers.length) * size);
    const levels = await currentLevels(read.map((w) => w.id));
    const { basis, columns } = known ?? (await this.assessedColumns(levels, lng));

    let rows = read.map((w): Omit<MatrixRow, 'workshop'> & { workshopId: string } => {
      const profile = profileOf(w.position);
      const required = new Map((profile?.requirements ?? []).map((r) => [r.unitId, r.level]));
      const mine = levels.get(w.id);
      const cells = columns.map((c) => {
        const level = mine?.get(c.id)?.level ?? null;
        const req = required.get(c.id) ?? null;
        return { unitId: c.id, level, required: req, gap: levelGap(req, level) };
      });
      return {
        workerId: w.id,
        name: w.name,
        workshopId: String(w.workshop),
        position: w.position ?? '',
        hasProfile: !!profile,
        cells,
        totalGap: cells.reduce((sum, c) => sum + c.gap, 0),
      };
    });
    if (query.gaps) rows = rows.filter((r) => r.totalGap > 0);
    const rowByName = (a: { name: string; workerId: string }, b: { name: string; workerId: string }) => byName({ name: a.name, id: a.workerId }, { name: b.name, id: b.workerId });
    if (query.sort === 'gap') rows.sort((a, b) => b.totalGap - a.totalGap || rowByName(a, b));
    const total = everyone ? rows.length : workers.length;
    const page = pageOf(total);
    if (everyone && !opts.all) rows = rows.slice((page - 1) * size, page * size);
    const shops = await workshopNames([...new Set(rows.map((r) => r.workshopId))]);
    return {
      query: { ...query, workshop, page: opts.all ? 1 : page },
      basis,
      columns,
      rows: rows.map(({ workshopId, ...r }) => ({ ...r, workshop: shops.get(workshopId) ?? '—' })),
      total,
      paging: opts.all ? null : { page, pages: Math.max(1, Math.ceil(total / size)), size },
    };
  }

  /** Columns from the filtered position's profile, the trade, or the matching workers' profiles; null when none applies. */
  private async columns(query: MatrixQuery, workerProfiles: (ProfileLookup | undefined)[], lng: Language): Promise<{ basis: MatrixBasis; columns: MatrixColumn[] } | null> {
    if (query.position) {
      const profile = (await profilesByPosition()).get(positionKey(query.position));
      if (profile) return { basis: 'position', columns: await unitsById(profile.requirements.map((r) => r.unitId), false, lng) };
    }
    if (query.trade) {
      const units = [...(await cachedUnits.all()).values()].filter((u) => u.trade === query.trade).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      return { basis: 'trade', columns: units.map((u) => toColumn(u, lng)) };
    }
    const required = [...new Set(workerProfiles.flatMap((p) => (p ? p.requirements.map((r) => r.unitId) : [])))];
    if (required.length) return { basis: 'profiles', columns: await unitsById(required, true, lng) };
    return null;
  }

  /** No profile applies: the units assessed among the workers read (this page's). */
  private async assessedColumns(levels: Map<string, Map<string, unknown>>, lng: Language): Promise<{ basis: MatrixBasis; columns: MatrixColumn[] }> {
    const assessed = [...new Set([...levels.values()].flatMap((m) => [...m.keys()]))];
    return { basis: 'assessed', columns: await unitsById(assessed, true, lng) };
  }
}

const toColumn = (u: LeanUnit, lng: Language): MatrixColumn => ({ id: String(u._id), code: u.code, title: localized(u.title, lng), synthetic: !!u.synthetic });

async function unitsById(ids: string[], sortByCode: boolean, lng: Language): Promise<MatrixColumn[]> {
  if (ids.length === 0) return [];
  // The catalogue's units come from the process cache (no `_id: {$in}` scan).
  const byId = await cachedUnits.pick(ids);
  const ordered = ids.flatMap((i) => (byId.has(i) ? [toColumn(byId.get(i)!, lng)] : []));
  return sortByCode ? ordered.sort((a, b) => a.code.localeCompare(b.code)) : ordered;
}
