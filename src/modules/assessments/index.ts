import type { ServiceDeps } from '../../platform/deps';

export { assessmentsRoutes } from './assessments.routes';

/** Pre- and post-training assessments per enrolment and targeted unit. */
export function createAssessmentsModule(deps: ServiceDeps) {
  return { deps };
}
export type AssessmentsModule = ReturnType<typeof createAssessmentsModule>;
