import type { ServiceDeps } from '../../platform/deps';
import { AuditService } from '../audit';
import { ConfirmationService } from './confirmation.service';
import { lastUses, type CertificationSource } from './continuity.lookup';
import { lapseDate, welderStatus } from './continuity-rules';
import { ContinuityService } from './continuity.service';

export { PROCESSES, type WeldingProcess } from './processes';
export { ContinuityEntry } from './continuity-entry.model';
export { workerContinuity, continuityChanged, rebuildContinuityReadModels, type WorkerContinuity } from './continuity.read-model';
export { ContinuityConfirmation } from './continuity-confirmation.model';
export { continuityRoutes } from './continuity.routes';
export {
  lapseDate, welderStatus, daysUntilLapse, coveredUntil, addMonthsWib, continuityChain, CONTINUITY_MONTHS, WARN_DAYS, type WelderStatus, type ContinuityChain,
} from './continuity-rules';
export { lastUses, listWelders, continuityOf, continuityFrom, type LastUse, type Welder, type Certification, type CertificationSource } from './continuity.lookup';
export { ContinuityService, type StatusRow, type WelderLog, type Overview } from './continuity.service';
export { ConfirmationService, newSubmissionToken, type Checklist, type ConfirmOutcome } from './confirmation.service';
export { ENTRY_KINDS, type EntryInput, type ConfirmInput } from './continuity.schemas';

/**
 * The welder continuity log, six-monthly confirmation per workshop, and who is about to lapse.
 * `certifications` (from the certificates module) starts each certified process's continuity on its
 * certification date and lets continuity write to certificates' audit trails.
 */
export function createContinuityModule(deps: ServiceDeps, others: { certifications?: CertificationSource } = {}) {
  const audit = new AuditService({ clock: deps.clock });
  const certifications = others.certifications;
  return {
    deps,
    log: new ContinuityService({ clock: deps.clock, audit, certifications }),
    confirmations: new ConfirmationService({ clock: deps.clock, audit, certifications }),
    lastUses,
    lapseDate,
    welderStatus,
  };
}
export type ContinuityModule = ReturnType<typeof createContinuityModule>;
