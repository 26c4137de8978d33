import type { Request, RequestHandler, Response } from 'express';
import type { TFunction, i18n } from 'i18next';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Formatters } from '../../platform/i18n';
import { parseForm } from '../../platform/http/validate';
import { wibParts } from '../../platform/time';
import { TRADES } from '../catalogue';
import { qrDataUrl } from '../certificates';
import { renderCapabilityPdf } from './capability.pdf';
import type { CapabilityService } from './capability.service';
import { canIssueStatements } from './reports.policy';
import { dashboardPage, tablesFor } from './dashboard.view';
import { writeCsv, writeXlsx } from './export';
import { exportContext } from './export-context';
import { MIN_INDEX_N } from './metrics';
import { PERIODS } from './period';
import { capabilityQuery, exportQuery, issueForm, reportQuery } from './reports.schemas';
import type { ReportView, ReportsService } from './reports.service';

const actorOf = (req: Request) => req.user as Actor;

/** The dashboard, its exports and the capability statement: parse, call the service, render. */
export function reportsController(deps: { reports: ReportsService; capability: CapabilityService; clock: Clock; i18n: i18n; appUrl: string }) {
  const today = () => wibParts(deps.clock.now()).date;
  const contextOf = (view: ReportView, req: Request, res: Response) =>
    exportContext(view, { t: res.locals.t as TFunction, lng: req.lng, fmt: res.locals.fmt as Formatters, generatedBy: (req.user as { name?: string } | undefined)?.name ?? '', now: deps.clock.now() });

  const dashboard: RequestHandler = async (req, res) => {
    const view = await deps.reports.report(actorOf(req), parseForm(reportQuery, req.query));
    const page = dashboardPage(view, res.locals.t as TFunction, req.lng, res.locals.fmt as Formatters);
    res.render('reports/dashboard', { view, page, periods: PERIODS, trades: TRADES, minIndexN: MIN_INDEX_N });
  };

  const csv: RequestHandler = async (req, res) => {
    const q = parseForm(exportQuery, req.query);
    const view = await deps.reports.report(actorOf(req), q);
    const table = tablesFor(view, res.locals.t as TFunction, req.lng).find((tb) => tb.key === (q.table ?? 'summary'))!;
    res.attachment(`laporan-${table.key}-${today()}.csv`).type('text/csv; charset=utf-8');
    await writeCsv(table, res, contextOf(view, req, res));
  };

  const xlsx: RequestHandler = async (req, res) => {
    const q = parseForm(exportQuery, req.query);
    const view = await deps.reports.report(actorOf(req), q);
    const tables = tablesFor(view, res.locals.t as TFunction, req.lng).filter((tb) => !q.table || tb.key === q.table);
    res.attachment(`laporan-${q.table ?? 'semua'}-${today()}.xlsx`);
    await writeXlsx(tables, res, contextOf(view, req, res));
  };

  const capability: RequestHandler = async (req, res) => {
    const q = parseForm(capabilityQuery, req.query);
    const statement = await deps.capability.statement(actorOf(req), q.workshop);
    const qr: Record<string, string> = {};
    if (statement) for (const g of statement.groups) for (const s of g.schemes) for (const r of s.rows) qr[r.number] = await qrDataUrl(r.verifyUrl);
    const workshops = statement ? [] : (await deps.reports.workshopOptions());
    const appUrl = deps.capability.appUrlIsLocal() ? deps.appUrl : null;
    res.render('reports/capability', { statement, qr, workshops, canIssue: canIssueStatements(actorOf(req)), localAppUrl: appUrl, issueRefused: Boolean(deps.capability.appUrlProblem()) });
  };

  const capabilityPdf: RequestHandler = async (req, res) => {
    const q = parseForm(capabilityQuery, req.query);
    const statement = await deps.capability.statement(actorOf(req), q.workshop);
    if (!statement) {
      res.redirect(303, '/reports/capability');
      return;
    }
    const pdf = await renderCapabilityPdf(statement, deps.i18n);
    res.type('application/pdf').attachment(`pernyataan-kemampuan-${today()}.pdf`).send(pdf);
  };

  /** Issues a numbered statement and sends its PDF (post/redirect/get). */
  const issue: RequestHandler = async (req, res) => {
    const code = await deps.capability.issue(actorOf(req), parseForm(issueForm, req.body).workshop);
    res.redirect(303, `/reports/capability/statements/${encodeURIComponent(code)}.pdf`);
  };

  const issuedPdf: RequestHandler = async (req, res) => {
    const statement = await deps.capability.issued(actorOf(req), String(req.params.code));
    const pdf = await renderCapabilityPdf(statement, deps.i18n);
    res.type('application/pdf').attachment(`pernyataan-kemampuan-${(statement.number ?? '').replace(/\//g, '-')}.pdf`).send(pdf);
  };

  return { dashboard, csv, xlsx, capability, capabilityPdf, issue, issuedPdf };
}
