import type { Request, RequestHandler, Response } from 'express';
import type { CapabilityService } from './capability.service';

/** Answers a miss through the shared verification budget (certificates' verify-limits). */
type MissAnswer = (req: Request, res: Response, answer: () => void) => Promise<void>;

/**
 * The public page of an issued capability statement (no login): the statement as issued and, per
 * listed certificate, whether it is still valid today. It shows only what the statement itself
 * lists. An unknown code is a 404 page, counted as a miss first, like an unknown certificate code.
 */
export function statementVerifyController(capability: CapabilityService, miss: MissAnswer) {
  const show: RequestHandler = async (req, res) => {
    const found = await capability.verify(String(req.params.code));
    if (!found) return miss(req, res, () => res.status(404).render('reports/statement-unknown'));
    const listed = found.statement.groups.flatMap((g) => g.schemes.flatMap((s) => s.rows));
    const validToday = listed.filter((r) => found.current[r.number]?.validToday).length;
    res.render('reports/statement-verify', { s: found.statement, current: found.current, now: found.now, listed: listed.length, validToday });
  };
  return { show };
}
