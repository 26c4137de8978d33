import type { ServiceDeps } from './platform/deps';
import { collectJobs } from './platform/jobs/registry';
import { platformJobs } from './platform/jobs/platform.jobs';
import { createAccountsModule } from './modules/accounts';
import { HomeService, homeSources } from './modules/home';
import { createWorkshopsModule } from './modules/workshops';
import { createWorkersModule } from './modules/workers';
import { createCatalogueModule } from './modules/catalogue';
import { createSchedulingModule, upcomingSessionsCounter } from './modules/scheduling';
import { createNotificationsModule } from './modules/notifications';
import { createRemindersModule } from './modules/reminders';
import { createCalendarModule } from './modules/calendar';
import { createAttendanceModule } from './modules/attendance';
import { createCompetenciesModule } from './modules/competencies';
import { createAssessmentsModule } from './modules/assessments';
import { createCertificatesModule } from './modules/certificates';
import { createContinuityModule } from './modules/continuity';
import { createReportsModule } from './modules/reports';
import './modules/audit';

export type { ServiceDeps };

/** The composition root for domain services: web routes, jobs, scripts and tests all build them here. */
export function createServices(deps: ServiceDeps) {
  const notifications = createNotificationsModule(deps);
  // Before accounts: admin-made worker logins are linked to their worker records through it.
  const workers = createWorkersModule(deps);
  const accounts = createAccountsModule({
    connection: deps.connection,
    clock: deps.clock,
    notices: notifications.service,
    kinds: notifications.kinds,
    appUrl: deps.config.appUrl,
    outboxDir: deps.config.outboxDir,
    logger: deps.logger,
    workerLinks: workers.logins,
  });
  const workshops = createWorkshopsModule(deps);
  const catalogue = createCatalogueModule(deps, { upcomingSessions: upcomingSessionsCounter(deps.clock) });
  const scheduling = createSchedulingModule(deps, { notifications });
  const reminders = createRemindersModule(deps, { notifications });
  const calendar = createCalendarModule(deps);
  const attendance = createAttendanceModule(deps);
  const competencies = createCompetenciesModule(deps);
  const assessments = createAssessmentsModule(deps);
  const certificates = createCertificatesModule(deps);
  const continuity = createContinuityModule(deps, { certifications: certificates.certifications });
  const reports = createReportsModule(deps);
  const home = new HomeService(
    homeSources({
      clock: deps.clock,
      schedule: calendar.schedule,
      notifications: notifications.service,
      certificates: certificates.certificates,
      mySkills: competencies.mySkills,
      unreachable: notifications.unreachable,
      snapshots: reports.snapshots,
    }),
  );
  const jobs = collectJobs(accounts.jobs, workers.jobs, notifications.jobs, reminders.jobs, reports.jobs, platformJobs({ connection: deps.connection, clock: deps.clock }));
  return { accounts, home, notifications, reminders, workshops, catalogue, workers, scheduling, calendar, attendance, competencies, assessments, certificates, continuity, reports, jobs };
}
export type Services = ReturnType<typeof createServices>;
