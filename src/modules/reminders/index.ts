import type { ServiceDeps } from '../../platform/deps';
import { AuditService } from '../audit';
import type { NotificationsModule } from '../notifications';
import { ExpiryService } from './expiry.service';
import { expiryKinds } from './expiry.kinds';
import { reminderKinds } from './reminders.kinds';
import { remindersJobs } from './reminders.jobs';
import { reminderOffsets } from './reminder-rules';
import { RemindersService } from './reminders.service';

export { RemindersService } from './reminders.service';
export { ExpiryService, type ExpiringRow } from './expiry.service';
export { dueReminder, instructorReminderDue, reminderOffsets, REMINDER_OFFSETS, scanHorizonMs, type ReminderLabel } from './reminder-rules';
export { expiryMarkDue, welderWarningDue, isoWeek, EXPIRY_NOTICE_DAYS, WELDER_WARNING_MONTHS, DIGEST_HORIZON_DAYS } from './expiry-rules';
export { remindersJobs } from './reminders.jobs';

/**
 * Reminders: class reminders, certificate expiry notices, welder warnings and the weekly digest.
 * Scan jobs record notices; the notifications module emails them.
 */
export function createRemindersModule(deps: ServiceDeps, others: { notifications: NotificationsModule }) {
  const service = new RemindersService({
    clock: deps.clock,
    notifications: others.notifications.service,
    offsets: reminderOffsets(deps.config.reminderHours),
  });
  const expiry = new ExpiryService({ clock: deps.clock, notifications: others.notifications.service, audit: new AuditService({ clock: deps.clock }) });
  others.notifications.kinds.register(...reminderKinds(), ...expiryKinds(expiry));
  return { service, expiry, jobs: remindersJobs(service, expiry) };
}
export type RemindersModule = ReturnType<typeof createRemindersModule>;
