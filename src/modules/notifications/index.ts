import type { ServiceDeps } from '../../platform/deps';

export { Notification } from './notification.model';
export { notificationsRoutes } from './notifications.routes';

/** In-app notifications (the inbox); the reminders issue adds email delivery from the same records. */
export function createNotificationsModule(deps: ServiceDeps) {
  return { deps };
}
export type NotificationsModule = ReturnType<typeof createNotificationsModule>;
