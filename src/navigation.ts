import type { NavItem } from './platform/http/locals';

/** Navigation per role; an account with several roles sees the union, in this order. */
const BY_ROLE: Record<string, NavItem[]> = {
  admin: [
    { href: '/home/admin', key: 'nav.admin_home' },
    { href: '/admin/users', key: 'nav.users' },
    { href: '/admin/outbox', key: 'nav.outbox' },
    { href: '/admin/notifications', key: 'notifications:nav.log' },
    { href: '/admin/jobs', key: 'notifications:nav.jobs' },
    { href: '/sessions', key: 'nav.sessions' },
    { href: '/courses', key: 'nav.courses' },
    { href: '/workers', key: 'nav.workers' },
    { href: '/workshops', key: 'nav.workshops' },
    { href: '/continuity', key: 'nav.continuity' },
    { href: '/competencies/matrix', key: 'nav.skills_matrix' },
    { href: '/job-profiles', key: 'nav.job_profiles' },
    { href: '/certificates', key: 'nav.certificates' },
    { href: '/reports', key: 'nav.reports' },
  ],
  coordinator: [
    { href: '/home/coordinator', key: 'nav.coordinator_home' },
    { href: '/sessions', key: 'nav.sessions' },
    { href: '/calendar', key: 'nav.calendar' },
    { href: '/courses', key: 'nav.courses' },
    { href: '/workers', key: 'nav.workers' },
    { href: '/workshops', key: 'nav.workshops' },
    { href: '/instructors', key: 'nav.instructors' },
    { href: '/rooms', key: 'nav.rooms' },
    { href: '/continuity', key: 'nav.continuity' },
    { href: '/competencies/matrix', key: 'nav.skills_matrix' },
    { href: '/job-profiles', key: 'nav.job_profiles' },
    { href: '/certificates', key: 'nav.certificates' },
    { href: '/reports', key: 'nav.reports' },
  ],
  instructor: [
    { href: '/home/instructor', key: 'nav.instructor_home' },
    { href: '/my/schedule', key: 'nav.my_schedule' },
    { href: '/sessions', key: 'nav.sessions' },
    { href: '/calendar', key: 'nav.calendar' },
    { href: '/courses', key: 'nav.courses' },
  ],
  manager: [
    { href: '/home/manager', key: 'nav.manager_home' },
    { href: '/workshops', key: 'nav.workshops' },
    { href: '/workers', key: 'nav.workers' },
    { href: '/sessions', key: 'nav.sessions' },
    { href: '/calendar', key: 'nav.calendar' },
    { href: '/courses', key: 'nav.courses' },
    { href: '/continuity', key: 'nav.continuity' },
    { href: '/competencies/matrix', key: 'nav.skills_matrix' },
    { href: '/certificates', key: 'nav.certificates' },
    { href: '/reports', key: 'nav.reports' },
  ],
  worker: [
    { href: '/home/worker', key: 'nav.worker_home' },
    { href: '/my/schedule', key: 'nav.my_schedule' },
    { href: '/my/skills', key: 'nav.my_skills' },
    { href: '/my/certificates', key: 'nav.my_certificates' },
    { href: '/sessions/open', key: 'nav.open_sessions' },
  ],
};

/**
 * The four destinations in the phone's bottom bar per role (the fifth place is the menu); an account
 * with several roles gets the bar of its first role in BY_ROLE's order.
 */
const BAR_BY_ROLE: Record<string, string[]> = {
  admin: ['/home/admin', '/admin/users', '/sessions', '/workers'],
  coordinator: ['/home/coordinator', '/sessions', '/calendar', '/workers'],
  instructor: ['/home/instructor', '/my/schedule', '/calendar', '/inbox'],
  manager: ['/home/manager', '/reports', '/workers', '/sessions'],
  worker: ['/home/worker', '/my/schedule', '/my/certificates', '/inbox'],
};

export function navFor(roles: readonly string[]): NavItem[] {
  const first = Object.keys(BY_ROLE).find((role) => roles.includes(role));
  const bar = first ? BAR_BY_ROLE[first]! : [];
  return allItems(roles).map((item) => (bar.includes(item.href) ? { ...item, bar: bar.indexOf(item.href) } : item));
}

function allItems(roles: readonly string[]): NavItem[] {
  const items = Object.keys(BY_ROLE)
    .filter((role) => roles.includes(role))
    .flatMap((role) => BY_ROLE[role]!);
  const unique = items.filter((item, i) => items.findIndex((x) => x.href === item.href) === i);
  return [
    ...unique,
    { href: '/inbox', key: 'nav.inbox' },
    { href: '/account/preferences', key: 'notifications:nav.preferences' },
    { href: '/account/password', key: 'nav.password' },
  ];
}
