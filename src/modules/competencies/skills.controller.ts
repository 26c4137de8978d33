import type { Request, RequestHandler } from 'express';
import type { TFunction } from 'i18next';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { wibParts } from '../../platform/time';
import { LEVELS, TRADES } from '../catalogue';
import { listPositions } from '../workers';
import { listWorkshopOptions } from '../workshops';
import { choosesWorkshop } from './competencies.policy';
import { openClassesForUnits } from './gap-classes';
import { matrixQuery } from './competencies.schemas';
import { matrixCsv, matrixTable, matrixXlsx } from './matrix.export';
import type { MatrixService } from './matrix.service';
import type { MySkillsService } from './my-skills.service';

const actorOf = (req: Request) => req.user as Actor;

/** The query string of the matrix's links (filters kept, sort or format changed). */
function queryString(q: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  return params.toString();
}

/** The skills matrix (one page; CSV and XLSX of the whole filtered set) and "My skills". */
export function skillsController(deps: { matrix: MatrixService; mySkills: MySkillsService; clock: Clock }) {
  const build = async (req: Request, all = false) => deps.matrix.buildMatrix(actorOf(req), matrixQuery.parse(req.query), req.lng, { all });

  const matrix: RequestHandler = async (req, res) => {
    const m = await build(req);
    const actor = actorOf(req);
    const q = m.query;
    const filters = { workshop: q.workshop, trade: q.trade, position: q.position, gaps: q.gaps ? '1' : undefined };
    const sorted = { ...filters, sort: q.sort === 'gap' ? 'gap' : undefined };
    res.render('competencies/matrix', {
      matrix: m,
      levels: LEVELS,
      trades: TRADES,
      workshops: choosesWorkshop(actor) ? await listWorkshopOptions() : [],
      choosesWorkshop: choosesWorkshop(actor),
      positions: await listPositions(),
      links: {
        byName: `/competencies/matrix?${queryString({ ...filters, sort: 'name' })}`,
        byGap: `/competencies/matrix?${queryString({ ...filters, sort: 'gap' })}`,
        // The shared pager appends `page=N`.
        pager: `/competencies/matrix?${queryString(sorted)}${queryString(sorted) ? '&' : ''}`,
        csv: `/competencies/matrix.csv?${queryString(sorted)}`,
        xlsx: `/competencies/matrix.xlsx?${queryString(sorted)}`,
      },
    });
  };

  const fileName = (ext: string) => `matriks-kompetensi-${wibParts(deps.clock.now()).date}.${ext}`;

  const csv: RequestHandler = async (req, res) => {
    const table = matrixTable(await build(req, true), res.locals.t as TFunction);
    res.attachment(fileName('csv')).type('text/csv; charset=utf-8').send(matrixCsv(table));
  };

  const xlsx: RequestHandler = async (req, res) => {
    const t = res.locals.t as TFunction;
    const table = matrixTable(await build(req, true), t);
    res.attachment(fileName('xlsx')).send(await matrixXlsx(table, t('competencies:matrix.sheet_name')));
  };

  const mySkills: RequestHandler = async (req, res) => {
    const skills = await deps.mySkills.mySkills(actorOf(req), req.lng);
    const gaps = skills.required.filter((s) => s.gap > 0).map((s) => s.unitId);
    res.render('competencies/my-skills', { skills, gapClasses: await openClassesForUnits(gaps, deps.clock.now(), req.lng) });
  };

  return { matrix, csv, xlsx, mySkills };
}
