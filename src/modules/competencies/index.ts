import type { ServiceDeps } from '../../platform/deps';
import { JobProfilesService } from './job-profiles.service';
import { MatrixService } from './matrix.service';
import { MySkillsService } from './my-skills.service';
import { currentLevels, gainRows, levelHistory } from './levels.service';
import { rollupGains } from './gains';

export { competenciesRoutes } from './competencies.routes';
export { seedCompetenciesDemo } from './competencies.seed';
export { JobProfile, positionKey } from './job-profile.model';
export { JobProfilesService, findProfileByPosition, profilesByPosition, type ProfileLookup } from './job-profiles.service';
export { MatrixService, type SkillsMatrix, type MatrixRow, type MatrixCell, type MatrixColumn } from './matrix.service';
export { MySkillsService, type MySkills, type MySkill } from './my-skills.service';
export { openClassesForUnits, type GapClass } from './gap-classes';
export { currentLevels, gainRows, levelHistory, type GainFilter } from './levels.service';
export {
  gain,
  normalisedGain,
  levelGap,
  rollupGains,
  periodOf,
  currentLevelsFrom,
  pairEvents,
  compareEvents,
  ROLLUP_KEYS,
  type RollupKey,
  type GainRow,
  type GainRollup,
  type LevelEvent,
} from './gains';
export { neutralise } from './matrix.export';
export { MATRIX_ROLES, PROFILE_ROLES, MY_SKILLS_ROLES } from './competencies.policy';

/**
 * Job profiles, current levels, competency gains, the skills matrix and "My skills".
 * `currentLevels`, `gainRows` and `rollupGains` take no actor: callers (reports) decide who sees what.
 */
export function createCompetenciesModule(deps: ServiceDeps) {
  return {
    deps,
    profiles: new JobProfilesService(),
    matrix: new MatrixService(),
    mySkills: new MySkillsService(),
    currentLevels,
    gainRows,
    rollupGains,
    levelHistory,
  };
}
export type CompetenciesModule = ReturnType<typeof createCompetenciesModule>;
