import path from 'node:path';
import { projectRoot } from '../../platform/paths';
import type { NoticeKind } from '../notifications';
import type { ExpiryService } from './expiry.service';

const dir = path.join(projectRoot(), 'src', 'modules', 'reminders', 'emails');

/**
 * Certificate expiry notices, welder warnings and the weekly digest. All optional email: the
 * inbox always has them, and the certificate pages show the same dates.
 */
export function expiryKinds(expiry: ExpiryService): NoticeKind[] {
  const notice = (kind: string): NoticeKind => ({
    kind,
    essential: false,
    dir,
    template: 'cert-expiry',
    subject: `notifications:email.subject.${kind}`,
  });
  return [
    notice('cert-expiry'),
    notice('cert-lapse'),
    notice('welder-warning'),
    {
      kind: 'weekly-digest',
      essential: false,
      dir,
      template: 'weekly-digest',
      subject: 'notifications:email.subject.weekly-digest',
      // The list as it is when the email goes out (a certificate renewed since is no longer on it).
      emailData: async (n) => ({ rows: await expiry.expiring(n.params.scope || undefined), lik: !n.params.scope }),
    },
  ];
}
