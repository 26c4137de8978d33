import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import { ATTENDANCE_STATUSES } from './attendance.model';
import { CHECKIN_OPENS_BEFORE_MS, LATE_AFTER_MS } from './attendance.rules';
import { attendanceForm, STATUS_FIELD_PREFIX, statusField } from './attendance.schemas';
import type { AttendanceService } from './attendance.service';
import { CODE_STEP_MS } from './checkin.codes';
import type { CheckinScreenService } from './checkin-screen.service';
import type { AttendanceSummaryService } from './summary.service';

const actorOf = (req: Request): Actor => req.user as Actor;
const idOf = (req: Request) => String(req.params.id);

/** What the form showed, to re-render it after a refusal: status fields only, strings only. */
function submitted(body: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body ?? {}).filter(
      (e): e is [string, string] => e[0].startsWith(STATUS_FIELD_PREFIX) && typeof e[1] === 'string',
    ),
  );
}

/** Pages for those who take attendance: the register, the sign-in sheet, the QR code, the session summary. */
export function attendanceController(deps: { register: AttendanceService; summary: AttendanceSummaryService; screen: CheckinScreenService; appUrl: string }) {
  const { register, summary, screen } = deps;
  const appUrl = deps.appUrl.replace(/\/+$/, '');
  const formLocals = { statuses: ATTENDANCE_STATUSES, statusField, opensBeforeMin: CHECKIN_OPENS_BEFORE_MS / 60_000 };

  const showRegister: RequestHandler = async (req, res) => {
    const reg = await register.getRegister(actorOf(req), idOf(req));
    const values = Object.fromEntries(reg.rows.filter((r) => r.status).map((r) => [statusField(r.id), r.status]));
    res.render('attendance/register', { ...formLocals, reg, values });
  };

  const saveRegister: RequestHandler = async (req, res) => {
    const id = idOf(req);
    const reg = await register.getRegister(actorOf(req), id);
    await handleForm(res, 'attendance/register', { ...formLocals, reg }, submitted(req.body), async () => {
      const changed = await register.recordAttendance(actorOf(req), id, parseForm(attendanceForm, req.body));
      flash(req, 'success', 'attendance:register.saved', { count: changed });
      res.redirect(303, `/meetings/${id}/attendance`);
    });
  };

  const markAllPresent: RequestHandler = async (req, res) => {
    const id = idOf(req);
    const reg = await register.getRegister(actorOf(req), id);
    const values = Object.fromEntries(reg.rows.filter((r) => r.status).map((r) => [statusField(r.id), r.status]));
    await handleForm(res, 'attendance/register', { ...formLocals, reg }, values, async () => {
      const marked = await register.markAllPresent(actorOf(req), id);
      flash(req, 'success', 'attendance:register.all_present_done', { count: marked });
      res.redirect(303, `/meetings/${id}/attendance`);
    });
  };

  const signInSheet: RequestHandler = async (req, res) => {
    res.render('attendance/sign-in-sheet', { sheet: await register.getSignInSheet(actorOf(req), idOf(req)) });
  };

  const checkinCode: RequestHandler = async (req, res) => {
    const code = await screen.getCheckinScreen(actorOf(req), idOf(req));
    res.render('attendance/checkin-code', { code, lateAfterMin: LATE_AFTER_MS / 60_000, stepSec: CODE_STEP_MS / 1000, appUrl });
  };

  const sessionAttendance: RequestHandler = async (req, res) => {
    res.render('attendance/session', { data: await summary.getSessionAttendance(actorOf(req), idOf(req)) });
  };

  return { showRegister, saveRegister, markAllPresent, signInSheet, checkinCode, sessionAttendance };
}
