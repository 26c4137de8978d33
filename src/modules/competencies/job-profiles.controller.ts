import type { Request, RequestHandler } from 'express';
import type { Actor } from '../../platform/actor';
import { flash } from '../../platform/http/flash';
import { handleForm } from '../../platform/http/forms';
import { parseForm } from '../../platform/http/validate';
import { LEVELS, TRADES, listUnitOptions } from '../catalogue';
import { listPositions } from '../workers';
import { padRequirementRows, profileForm, requirementRowsFromBody } from './competencies.schemas';
import type { JobProfilesService, ProfileDetail } from './job-profiles.service';

const actorOf = (req: Request) => req.user as Actor;
const VIEW = 'competencies/profile-form';

/** Pages for job profiles: list, new, edit, delete. */
export function jobProfilesController(profiles: JobProfilesService) {
  const formLocals = async (req: Request, profile: ProfileDetail | null) => ({
    profile,
    trades: TRADES,
    levels: LEVELS.filter((l) => l > 0),
    units: await listUnitOptions(req.lng),
    positions: await listPositions(),
  });

  const list: RequestHandler = async (req, res) => {
    res.render('competencies/profiles', { profiles: await profiles.listProfiles(actorOf(req), req.lng) });
  };

  const showNew: RequestHandler = async (req, res) => {
    profiles.assertCanManage(actorOf(req));
    res.render(VIEW, { ...(await formLocals(req, null)), values: { requirements: padRequirementRows([]) } });
  };

  const create: RequestHandler = async (req, res) => {
    await handleForm(res, VIEW, await formLocals(req, null), valuesOf(req.body), async () => {
      const id = await profiles.createProfile(actorOf(req), parseForm(profileForm, req.body));
      flash(req, 'success', 'competencies:profiles.created');
      res.redirect(303, `/job-profiles/${id}`);
    });
  };

  const show: RequestHandler = async (req, res) => {
    const profile = await profiles.getProfile(actorOf(req), String(req.params.id), req.lng);
    res.render(VIEW, {
      ...(await formLocals(req, profile)),
      values: {
        position: profile.position, title_id: profile.titleId, title_en: profile.titleEn, trade: profile.trade, coreScheme: profile.coreScheme,
        requirements: padRequirementRows(profile.requirements.map((r) => ({ unit: r.unitId, level: String(r.level) })), 2),
      },
    });
  };

  const update: RequestHandler = async (req, res) => {
    const profile = await profiles.getProfile(actorOf(req), String(req.params.id), req.lng);
    await handleForm(res, VIEW, await formLocals(req, profile), valuesOf(req.body), async () => {
      await profiles.updateProfile(actorOf(req), profile.id, parseForm(profileForm, req.body));
      flash(req, 'success', 'competencies:profiles.updated');
      res.redirect(303, `/job-profiles/${profile.id}`);
    });
  };

  const remove: RequestHandler = async (req, res) => {
    await profiles.deleteProfile(actorOf(req), String(req.params.id));
    flash(req, 'success', 'competencies:profiles.deleted');
    res.redirect(303, '/job-profiles');
  };

  return { list, showNew, create, show, update, remove };
}

function valuesOf(body: Record<string, unknown> | undefined) {
  const b = body ?? {};
  return {
    position: b.position, title_id: b.title_id, title_en: b.title_en, trade: b.trade, coreScheme: b.coreScheme,
    requirements: padRequirementRows(requirementRowsFromBody(b), 1),
  };
}
