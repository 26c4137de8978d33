import type { Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import { User, ROLES } from '../accounts';
import { metricsOf } from '../reports';
import { Workshop, displayName } from '../workshops';
import type { HomeSources } from './home.sources';
import { coordinatorHome, instructorHome, type CoordinatorHome, type InstructorHome } from './staff-home';
import { workerHome, type WorkerHome } from './worker-home';

/** The headline figures a manager's home shows, in this order (keys of the reports' metrics). */
const MANAGER_METRICS = ['workers', 'workers_trained', 'attendance_rate', 'certified_share', 'coverage', 'expiring_30', 'lapsed', 'expired'];
const MANAGER_CERTIFICATES = 3;

/**
 * What each role's home page shows: what to do next, scoped to the actor. Every read goes through
 * `HomeSources`, so a read model can replace one source without changing the pages (README.md
 * counts the database commands of each home).
 */
export class HomeService {
  constructor(private readonly sources: HomeSources) {}

  /** Accounts per role and active/inactive counts: the admin's overview. */
  async adminSummary() {
    const [byRole, inactive, workshops] = await Promise.all([
      Promise.all(ROLES.map(async (role) => ({ role, count: await User.countDocuments({ roles: role, active: true }) }))),
      User.countDocuments({ active: false }),
      Workshop.countDocuments({ archived: false }),
    ]);
    return { byRole, inactive, workshops };
  }

  /** What a coordinator should do next (see coordinatorHome). */
  coordinatorHome(actor: Actor, lng: Language): Promise<CoordinatorHome> {
    return coordinatorHome(this.sources, actor, lng);
  }

  /** What an instructor should do next (see instructorHome). */
  instructorHome(actor: Actor, lng: Language): Promise<InstructorHome> {
    return instructorHome(this.sources, actor, lng);
  }

  /** What a worker should do next (see workerHome). */
  workerHome(actor: Actor, lng: Language): Promise<WorkerHome> {
    return workerHome(this.sources, actor, lng);
  }

  /**
   * A manager's own workshop and its headline figures from today's report snapshot (read by `_id`,
   * never recomputed here: the dashboard at /reports does that). Nothing from other workshops.
   * @throws ForbiddenError for a manager without a workshop
   */
  async managerHome(actor: Actor) {
    if (!actor.workshopId) throw new ForbiddenError('no_workshop');
    const [workshop, snap] = await Promise.all([Workshop.findById(actor.workshopId).lean(), this.sources.workshopSnapshot(actor.workshopId)]);
    const metrics = snap ? metricsOf(snap.report).filter((m) => MANAGER_METRICS.includes(m.key)) : [];
    return {
      workshop: workshop ? { id: String(workshop._id), name: displayName(workshop), unit: workshop.unit ?? '' } : null,
      figures: snap ? { metrics, builtAt: snap.builtAt, fresh: snap.fresh, asOf: snap.report.period.asOf } : null,
      certificates: snap ? snap.report.certificates.rows.filter((r) => r.status === 'expiring').slice(0, MANAGER_CERTIFICATES) : [],
    };
  }
}
