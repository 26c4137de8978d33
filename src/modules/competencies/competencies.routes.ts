import { Router } from 'express';
import { requireRole } from '../../platform/http/guard';
import { MATRIX_ROLES, MY_SKILLS_ROLES, PROFILE_ROLES } from './competencies.policy';
import { jobProfilesController } from './job-profiles.controller';
import { skillsController } from './skills.controller';
import type { CompetenciesModule } from './index';

/** Routes of the competencies module (full paths; mounted at "/"). The services check the same rules. */
export function competenciesRoutes(mod: CompetenciesModule): Router {
  const r = Router();
  const manage = requireRole(...PROFILE_ROLES);
  const matrixRoles = requireRole(...MATRIX_ROLES);

  const p = jobProfilesController(mod.profiles);
  r.get('/job-profiles', manage, p.list);
  r.get('/job-profiles/new', manage, p.showNew);
  r.post('/job-profiles', manage, p.create);
  r.get('/job-profiles/:id', manage, p.show);
  r.post('/job-profiles/:id', manage, p.update);
  r.post('/job-profiles/:id/delete', manage, p.remove);

  const s = skillsController({ matrix: mod.matrix, mySkills: mod.mySkills, clock: mod.deps.clock });
  r.get('/competencies/matrix', matrixRoles, s.matrix);
  r.get('/competencies/matrix.csv', matrixRoles, s.csv);
  r.get('/competencies/matrix.xlsx', matrixRoles, s.xlsx);
  r.get('/my/skills', requireRole(...MY_SKILLS_ROLES), s.mySkills);
  return r;
}
