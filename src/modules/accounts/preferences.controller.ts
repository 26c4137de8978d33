import type { Request, RequestHandler } from 'express';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import type { AccountsService, SessionUser } from './accounts.service';
import { preferencesForm } from './accounts.schemas';

const actorOf = (req: Request) => req.user as SessionUser;

/**
 * Language and optional email. The page belongs to the notifications feature (its view and texts
 * live there); the account data is this module's.
 */
export function preferencesController(accounts: AccountsService) {
  const show: RequestHandler = async (req, res) => {
    const prefs = await accounts.getPreferences(actorOf(req));
    res.render('notifications/preferences', { values: prefs, hasEmail: prefs.hasEmail });
  };

  const save: RequestHandler = async (req, res) => {
    const { hasEmail } = await accounts.getPreferences(actorOf(req));
    const values = { language: req.body?.language, emailOptional: req.body?.emailOptional === 'yes' };
    await handleForm(res, 'notifications/preferences', { hasEmail }, values, async () => {
      const form = parseForm(preferencesForm, req.body);
      await accounts.setPreferences(actorOf(req), form);
      flash(req, 'success', 'notifications:preferences.saved');
      res.redirect(303, '/account/preferences');
    });
  };

  return { show, save };
}
