import type { ServiceDeps } from '../../platform/deps';

export { competenciesRoutes } from './competencies.routes';
export { seedCompetenciesDemo } from './competencies.seed';

/** Job profiles, current levels, competency gains, the skills matrix and "My skills". */
export function createCompetenciesModule(deps: ServiceDeps) {
  return { deps };
}
export type CompetenciesModule = ReturnType<typeof createCompetenciesModule>;
