import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../platform/actor';
import { askFirst, type ConfirmPrompt } from '../../platform/http/confirm';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { asArray, parseForm } from '../../platform/http/validate';
import { canBrowseCourses, canManageCatalogue } from './catalogue.policy';
import { courseSearch } from './catalogue.schemas';
import { courseForm, padRows, unitRowsFromBody } from './course.schemas';
import { PrerequisiteCycleError, type CoursesService } from './courses.service';
import { TRADES } from './trades';

const actorOf = (req: Request) => req.user as Actor;
const VIEW = 'catalogue/course-form';
const TARGET_LEVELS = [1, 2, 3, 4];

/** Pages for the course catalogue: list, detail, new, edit, archive and unarchive. */
export function coursesController(courses: CoursesService) {
  const formLocals = async (req: Request, course: { id: string; code: string; active: boolean } | null) => ({
    ...(await courses.formChoices(actorOf(req), req.lng, course?.id)),
    course,
    trades: TRADES,
    levels: TARGET_LEVELS,
    // Filled when a save is refused for a prerequisite loop: the message names the loop.
    errorParams: {} as Record<string, string>,
  });

  /** Runs a save; a prerequisite loop is refused with the loop's course codes in the message. */
  const save = async (req: Request, res: Response, course: { id: string; code: string; active: boolean } | null, work: () => Promise<void>) => {
    const locals = await formLocals(req, course);
    await handleForm(res, VIEW, locals, valuesOf(req.body), async () => {
      try {
        await work();
      } catch (err) {
        if (err instanceof PrerequisiteCycleError) locals.errorParams = { path: err.codes.join(' → ') };
        throw err;
      }
    });
  };

  const list: RequestHandler = async (req, res) => {
    const query = courseSearch.parse(req.query);
    const page = await courses.listCourses(actorOf(req), query, req.lng);
    res.render('catalogue/courses', { page, query, trades: TRADES, canManage: canManageCatalogue(actorOf(req)) });
  };

  const show: RequestHandler = async (req, res) => {
    const course = await courses.getCourse(actorOf(req), String(req.params.id), req.lng);
    res.render('catalogue/course', { course, canManage: canManageCatalogue(actorOf(req)), canBrowse: canBrowseCourses(actorOf(req)) });
  };

  const showNew: RequestHandler = async (req, res) => {
    const locals = await formLocals(req, null);
    res.render(VIEW, { ...locals, values: { defaultCapacity: 12, minAttendancePct: 80, prerequisites: [], units: padRows([]) } });
  };

  const create: RequestHandler = async (req, res) => {
    await save(req, res, null, async () => {
      const id = await courses.createCourse(actorOf(req), parseForm(courseForm, req.body));
      flash(req, 'success', 'catalogue:courses.created');
      res.redirect(303, `/courses/${id}`);
    });
  };

  const showEdit: RequestHandler = async (req, res) => {
    const { values, ...course } = await courses.getCourseForm(actorOf(req), String(req.params.id));
    const locals = await formLocals(req, course);
    res.render(VIEW, { ...locals, values: { ...values, units: padRows(values.units) } });
  };

  const update: RequestHandler = async (req, res) => {
    const { values: _stored, ...course } = await courses.getCourseForm(actorOf(req), String(req.params.id));
    await save(req, res, course, async () => {
      await courses.updateCourse(actorOf(req), course.id, parseForm(courseForm, req.body));
      flash(req, 'success', 'catalogue:courses.updated');
      res.redirect(303, `/courses/${course.id}`);
    });
  };

  const archiver = (archived: boolean): RequestHandler => async (req, res) => {
    const id = String(req.params.id);
    if (archived && !(await askFirst(req, res, async () => archivePrompt(await courses.previewArchive(actorOf(req), id, req.lng))))) return;
    await courses.setArchived(actorOf(req), id, archived);
    flash(req, 'success', archived ? 'catalogue:courses.archived_done' : 'catalogue:courses.unarchived_done');
    res.redirect(303, `/courses/${id}`);
  };

  return { list, show, showNew, create, showEdit, update, archive: archiver(true), unarchive: archiver(false) };
}

function archivePrompt(p: { id: string; code: string; title: string; upcoming: number }): ConfirmPrompt {
  const course = `${p.code} ${p.title}`;
  return {
    title: { key: 'catalogue:confirm_archive.title', params: { course } },
    effects: [
      p.upcoming > 0 ? { key: 'catalogue:confirm_archive.upcoming', params: { count: p.upcoming } } : { key: 'catalogue:confirm_archive.no_upcoming' },
      { key: 'catalogue:confirm_archive.no_new', params: { course } },
    ],
    action: `/courses/${p.id}/archive`,
    back: `/courses/${p.id}`,
    submit: 'catalogue:confirm_archive.submit',
    danger: true,
  };
}

function valuesOf(body: Record<string, unknown> | undefined) {
  const b = body ?? {};
  return {
    code: b.code,
    title_id: b.title_id,
    title_en: b.title_en,
    description_id: b.description_id,
    description_en: b.description_en,
    trade: b.trade,
    durationHours: b.durationHours,
    defaultCapacity: b.defaultCapacity,
    minAttendancePct: b.minAttendancePct,
    prerequisites: (asArray(b.prerequisites) as unknown[]).map(String),
    units: padRows(unitRowsFromBody(b)),
  };
}
