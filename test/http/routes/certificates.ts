import type { Access } from '../route-table';

const MANAGE = ['admin', 'coordinator'] as const;
const LIST = ['admin', 'coordinator', 'manager'] as const;
const VIEW = ['admin', 'coordinator', 'manager', 'worker'] as const;

/**
 * Access rules for the certificates module's routes (see route-table.ts). Managers see their
 * workshop's certificates; workers their own (the service answers 404 for anyone else's).
 * Verification is public: no login, no session.
 */
export const CERTIFICATES_ROUTES: Record<string, Access> = {
  'GET /verify': 'public',
  'GET /verify/:code': 'public',
  'GET /verify/:code/credential': 'public',
  'GET /credentials/status/:list': 'public',
  'GET /.well-known/jwks.json': 'public',
  'GET /.well-known/did.json': 'public',
  'GET /my/certificates': ['worker'],
  'GET /my/certificates/:id/card': ['worker'],
  'GET /certificates': LIST,
  'GET /certificates/schemes': MANAGE,
  'GET /certificates/schemes/new': MANAGE,
  'POST /certificates/schemes': MANAGE,
  'GET /certificates/schemes/:id/edit': MANAGE,
  'POST /certificates/schemes/:id': MANAGE,
  'GET /certificates/assessments': MANAGE,
  'GET /certificates/assessments/new': MANAGE,
  'POST /certificates/assessments': MANAGE,
  'GET /certificates/assessments/:id': MANAGE,
  'POST /certificates/assessments/:id/issue': MANAGE,
  'GET /certificates/history': MANAGE,
  'POST /certificates/history': MANAGE,
  'GET /certificates/:id.pdf': VIEW,
  'GET /certificates/:id/scan': VIEW,
  'GET /certificates/:id/credential': VIEW,
  'GET /certificates/:id': VIEW,
  'POST /certificates/:id/renew': MANAGE,
  'POST /certificates/:id/revoke': MANAGE,
  'GET /workers/:id/certificates': LIST,
};
