import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { asArray, parseForm } from '../../platform/http/validate';
import { formatPhone } from '../accounts';
import { activeForm, instructorForm } from './catalogue.schemas';
import type { InstructorRow, InstructorsService } from './instructors.service';
import { TRADES } from './trades';

const actorOf = (req: Request) => req.user as Actor;
const VIEW = 'catalogue/instructor-form';

/** Pages for instructors: list, new, edit, deactivate/reactivate. */
export function instructorsController(instructors: InstructorsService) {
  const formLocals = async (req: Request, instructor: InstructorRow | null) => ({
    instructor,
    trades: TRADES,
    accounts: await instructors.accountChoices(actorOf(req), instructor?.id),
  });

  const list: RequestHandler = async (req, res) => {
    res.render('catalogue/instructors', { instructors: await instructors.listInstructors(actorOf(req)), formatPhone });
  };

  const showNew: RequestHandler = async (req, res) => {
    res.render(VIEW, { ...(await formLocals(req, null)), values: { kind: 'internal', trades: [] } });
  };

  const create: RequestHandler = async (req, res) => {
    await handleForm(res, VIEW, await formLocals(req, null), valuesOf(req.body), async () => {
      const id = await instructors.createInstructor(actorOf(req), parseForm(instructorForm, req.body));
      flash(req, 'success', 'catalogue:instructors.created');
      res.redirect(303, `/instructors/${id}`);
    });
  };

  const show: RequestHandler = async (req, res) => {
    const instructor = await instructors.getInstructor(actorOf(req), String(req.params.id));
    res.render(VIEW, {
      ...(await formLocals(req, instructor)),
      values: { ...instructor, phone: formatPhone(instructor.phone), user: instructor.userId },
    });
  };

  const update: RequestHandler = async (req, res) => {
    const instructor = await instructors.getInstructor(actorOf(req), String(req.params.id));
    await handleForm(res, VIEW, await formLocals(req, instructor), valuesOf(req.body), async () => {
      await instructors.updateInstructor(actorOf(req), instructor.id, parseForm(instructorForm, req.body));
      flash(req, 'success', 'catalogue:instructors.updated');
      res.redirect(303, `/instructors/${instructor.id}`);
    });
  };

  const setActive: RequestHandler = async (req, res) => {
    const id = String(req.params.id);
    const { active } = activeForm.parse(req.body ?? {});
    await instructors.setActive(actorOf(req), id, active);
    flash(req, 'success', active ? 'catalogue:instructors.activated' : 'catalogue:instructors.deactivated');
    res.redirect(303, `/instructors/${id}`);
  };

  return { list, showNew, create, show, update, setActive };
}

function valuesOf(body: Record<string, unknown> | undefined) {
  const b = body ?? {};
  return {
    name: b.name,
    kind: b.kind,
    organisation: b.organisation,
    phone: b.phone,
    email: b.email,
    trades: (asArray(b.trades) as unknown[]).map(String),
    user: b.user,
  };
}
