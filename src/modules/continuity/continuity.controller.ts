import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { askFirst, type ConfirmPrompt } from '../../platform/http/confirm';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { asArray, parseForm } from '../../platform/http/validate';
import { listWorkshopOptions } from '../workshops';
import { newSubmissionToken, type Checklist, type ConfirmationPreview, type ConfirmationService } from './confirmation.service';
import { canChooseWorkshop, canRecordAssessment } from './continuity.policy';
import { ENTRY_KINDS, confirmForm, entryForm, overviewQuery, OVERVIEW_STATUSES } from './continuity.schemas';
import type { ContinuityService } from './continuity.service';
import { PROCESSES } from './processes';

const actorOf = (req: Request) => req.user as Actor;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strings = (v: unknown) => (asArray(v) as unknown[]).filter((x): x is string => typeof x === 'string');

/**
 * Which welders and processes the checklist shows ticked: as submitted, or (first visit) all welders
 * with the processes they have used, except lapsed ones (only a new test restores those; the
 * service refuses them too).
 */
function selectionOf(list: Checklist, body?: Record<string, unknown>): Record<string, { ticked: boolean; processes: string[] }> {
  const ticked = body ? new Set(strings(body.workers)) : null;
  return Object.fromEntries(
    list.welders.map((w) => [
      w.id,
      body
        ? { ticked: ticked!.has(w.id), processes: strings(body[`process_${w.id}`]) }
        : { ticked: true, processes: w.processes.filter((p) => p.status !== 'lapsed').map((p) => p.process) },
    ]),
  );
}

function confirmPrompt(p: ConfirmationPreview): ConfirmPrompt {
  const date = p.date.split('-').reverse().join('/');
  return {
    title: { key: 'continuity:confirm_step.title', params: { workshop: p.workshop.name } },
    effects: p.repeated
      ? [{ key: 'continuity:confirm_step.repeated' }]
      : [
          { key: 'continuity:confirm_step.welders', params: { count: p.welders.length, workshop: p.workshop.name, date } },
          { key: 'continuity:confirm_step.entries', params: { count: p.entries, evidence: p.evidence } },
        ],
    items: p.welders.map((w) => `${w.name}: ${w.processes.join(', ')}`),
    action: `/continuity/workshops/${p.workshop.id}/confirm`,
    back: `/continuity/workshops/${p.workshop.id}`,
    submit: 'continuity:confirm_step.submit',
  };
}

/** Continuity pages: overview of who is about to lapse, one welder's log, a workshop's six-monthly confirmation. */
export function continuityController(log: ContinuityService, confirmations: ConfirmationService) {
  const welderLocals = async (req: Request, id: string) => ({
    welder: await log.welderLog(actorOf(req), id),
    canAssess: canRecordAssessment(actorOf(req)),
    processes: PROCESSES,
    kinds: ENTRY_KINDS,
    today: log.today(),
  });

  const checklistLocals = async (req: Request, id: string, body?: Record<string, unknown>) => {
    const list = await confirmations.checklist(actorOf(req), id);
    return { list, processes: PROCESSES, today: log.today(), selection: selectionOf(list, body) };
  };

  const overview: RequestHandler = async (req, res) => {
    const query = overviewQuery.parse(req.query);
    const actor = actorOf(req);
    const data = await log.overview(actor, query);
    const choose = canChooseWorkshop(actor);
    res.render('continuity/overview', { data, query, statuses: OVERVIEW_STATUSES, canChoose: choose, workshops: choose ? await listWorkshopOptions() : [] });
  };

  const showWelder: RequestHandler = async (req, res) => {
    const locals = await welderLocals(req, String(req.params.id));
    res.render('continuity/welder', { ...locals, values: { date: locals.today, kind: 'use' } });
  };

  const addEntry: RequestHandler = async (req, res) => {
    const id = String(req.params.id);
    const locals = await welderLocals(req, id);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const values = { process: str(b.process), date: str(b.date), kind: str(b.kind), evidence: str(b.evidence), supervisor: str(b.supervisor) };
    await handleForm(res, 'continuity/welder', locals, values, async () => {
      await log.logEntry(actorOf(req), id, parseForm(entryForm, req.body));
      flash(req, 'success', 'continuity:entry.saved');
      res.redirect(303, `/continuity/workers/${id}`);
    });
  };

  const showWorkshop: RequestHandler = async (req, res) => {
    const locals = await checklistLocals(req, String(req.params.id));
    res.render('continuity/workshop', { ...locals, values: { date: locals.today, submission: newSubmissionToken() } });
  };

  const confirm: RequestHandler = async (req, res) => {
    const id = String(req.params.id);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const locals = await checklistLocals(req, id, b);
    const submission = /^[a-f0-9]{32}$/.test(str(b.submission)) ? str(b.submission) : newSubmissionToken();
    const values = { date: str(b.date), evidence: str(b.evidence), supervisor: str(b.supervisor), process: str(b.process), submission };
    await handleForm(res, 'continuity/workshop', locals, values, async () => {
      const input = parseForm(confirmForm, req.body);
      if (!(await askFirst(req, res, async () => confirmPrompt(await confirmations.previewConfirmation(actorOf(req), id, input))))) return;
      const outcome = await confirmations.confirmWorkshop(actorOf(req), id, input);
      if (outcome.created) flash(req, 'success', 'continuity:confirm.saved', { count: outcome.entries });
      else flash(req, 'info', 'continuity:confirm.already');
      res.redirect(303, `/continuity/workshops/${id}`);
    });
  };

  return { overview, showWelder, addEntry, showWorkshop, confirm };
}
