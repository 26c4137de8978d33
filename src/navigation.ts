import type { NavItem } from './platform/http/locals';

/** Navigation per role; an account with several roles sees the union, in this order. */
const BY_ROLE: Record<string, NavItem[]> = {
  admin: [
    { href: '/home/admin', key: 'nav.admin_home' },
    { href: '/admin/users', key: 'nav.users' },
    { href: '/admin/outbox', key: 'nav.outbox' },
  ],
  coordinator: [{ href: '/home/coordinator', key: 'nav.coordinator_home' }],
  instructor: [{ href: '/home/instructor', key: 'nav.instructor_home' }],
  manager: [{ href: '/home/manager', key: 'nav.manager_home' }],
  worker: [{ href: '/home/worker', key: 'nav.worker_home' }],
};

export function navFor(roles: readonly string[]): NavItem[] {
  const items = Object.keys(BY_ROLE)
    .filter((role) => roles.includes(role))
    .flatMap((role) => BY_ROLE[role]!);
  return [...items, { href: '/account/password', key: 'nav.password' }];
}
