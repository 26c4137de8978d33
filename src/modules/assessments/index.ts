import type { ServiceDeps } from '../../platform/deps';
import { AssessmentsService } from './assessments.service';

export { assessmentsRoutes } from './assessments.routes';
export { Assessment, ASSESSMENT_KINDS, ASSESSMENT_METHODS, type AssessmentKind, type AssessmentMethod } from './assessment.model';
export { AssessmentsService, type AssessmentSheet } from './assessments.service';
export { canAssess, ASSESS_ROLES } from './assessments.policy';
export { gain, normalisedGain, MAX_LEVEL } from './gain';
export { assessmentsChanged, rebuildAssessmentReadModels, type AssessmentsChange } from './assessment-changes';
export { sessionPosts, type SessionPosts } from './session-posts.read-model';
export { sessionAssessments, type SessionAssessments, type SessionAssessment } from './session-assessments.read-model';
export { workerLevels, assessedLevels, levelOrder, type AssessedLevel, type WorkerLevels } from './worker-levels.read-model';

/** Pre- and post-training assessments per enrolment and targeted unit. */
export function createAssessmentsModule(deps: ServiceDeps) {
  return { deps, assessments: new AssessmentsService({ clock: deps.clock }) };
}
export type AssessmentsModule = ReturnType<typeof createAssessmentsModule>;
