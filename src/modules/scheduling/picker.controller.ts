import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { pickerQuery, PICKER_LIMIT, PICKER_MIN_QUERY, searchWorkersToEnrol } from './worker-picker';

const actorOf = (req: Request) => req.user as Actor;

/** The "add a worker" page of a session: a GET search, each match with its own enrol button. */
export function pickerController() {
  const show: RequestHandler = async (req, res) => {
    const { q } = pickerQuery.parse(req.query);
    const picker = await searchWorkersToEnrol(actorOf(req), String(req.params.id), q, req.lng);
    res.render('scheduling/enroll', { picker, limit: PICKER_LIMIT, minQuery: PICKER_MIN_QUERY });
  };
  return { show };
}
