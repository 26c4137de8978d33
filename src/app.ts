import path from 'node:path';
import express, { type Express } from 'express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { i18n } from 'i18next';
import type { Connection } from 'mongoose';
import type { Config } from './config';
import type { Logger } from './platform/logger';
import { shareStampReads } from './platform/db/collection-cache';
import { ASSETS_PATH, assetsFor } from './platform/http/assets';
import { csrf } from './platform/http/csrf';
import { errorHandler, notFound } from './platform/http/error-handler';
import { languageMiddleware } from './platform/http/language';
import { localsMiddleware } from './platform/http/locals';
import { noStoreByDefault } from './platform/http/no-store';
import { firstValueQuery, rejectControlCharacters } from './platform/http/query-input';
import { createPassport } from './platform/http/passport';
import { addressLimiter, loginLimiters } from './platform/http/rate-limit';
import { sessionMiddleware } from './platform/http/session';
import { projectRoot } from './platform/paths';
import { accountsRoutes, authController, preferencesController, requirePasswordChange, usersController } from './modules/accounts';
import { homeRoutes } from './modules/home';
import { workshopsRoutes } from './modules/workshops';
import { workersRoutes } from './modules/workers';
import { catalogueRoutes } from './modules/catalogue';
import { schedulingRoutes } from './modules/scheduling';
import { notificationsRoutes } from './modules/notifications';
import { calendarRoutes } from './modules/calendar';
import { attendanceRoutes } from './modules/attendance';
import { competenciesRoutes } from './modules/competencies';
import { assessmentsRoutes } from './modules/assessments';
import { certificatesRoutes } from './modules/certificates';
import { continuityRoutes } from './modules/continuity';
import { reportsRoutes } from './modules/reports';
import { pwaRoutes } from './modules/pwa';
import { navFor } from './navigation';
import type { Services } from './services';

export interface AppDeps {
  config: Config;
  connection: Connection;
  services: Services;
  i18n: i18n;
  logger: Logger;
  /** Answers whether the database replies; /health uses it. */
  ping: () => Promise<boolean>;
  /** Login failures allowed per address and per account in the window (tests lower it). */
  loginLimit?: { limit: number; windowMs: number };
}

export const LOGIN_LIMIT = { limit: 10, windowMs: 15 * 60 * 1000 };

/** The Express app: no listen, no connect, so tests load it as it is. */
export function createApp(deps: AppDeps): Express {
  const { config, services, i18n } = deps;
  const root = projectRoot();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy === 'false' ? false : config.trustProxy);
  app.set('view engine', 'ejs');
  app.set('views', [path.join(root, 'views')]);
  if (config.isProduction) app.set('view cache', true);
  app.set('query parser', firstValueQuery);

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' || (req.url ?? '').startsWith('/public/') || (req.url ?? '').startsWith(`${ASSETS_PATH}/`) },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'"],
          'form-action': ["'self'"],
          // Plain-http development and tests must not be upgraded to https.
          'upgrade-insecure-requests': config.isProduction ? [] : null,
        },
      },
      strictTransportSecurity: config.isProduction,
    }),
  );
  // gzip/brotli for text answers (pages, CSV, iCal, JSON); compression's filter leaves PDF, PNG and
  // XLSX alone. A Server-Sent Events stream would need res.flush() per event: none is compressed.
  app.use(compression({ filter: (req, res) => !/^text\/event-stream/.test(String(res.getHeader('Content-Type') ?? '')) && compression.filter(req, res) }));
  // Pages link their files through asset() (platform/http/assets.ts): fingerprinted, kept a year.
  const assets = assetsFor(path.join(root, 'public'), { watch: !config.isProduction });
  app.locals.asset = assets.url;
  app.use(ASSETS_PATH, assets.serve);
  // Stable, briefly cached names for what outside the pages needs them (manifest icons, old links).
  app.use('/public', express.static(path.join(root, 'public'), { maxAge: config.isProduction ? '1d' : 0, index: false }));
  app.use(noStoreByDefault);
  // One reading of the cache stamps per request, whatever the number of collections held in memory it uses.
  app.use((_req, _res, next) => shareStampReads(next));

  app.get('/health', async (_req, res) => {
    const up = await deps.ping();
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'error', db: up ? 'up' : 'down' });
  });
  // Verification pages show people's names: keep crawlers off them (the pages also send X-Robots-Tag).
  app.get('/robots.txt', (_req, res) => {
    res.type('text/plain').set('Cache-Control', 'public, max-age=86400').send('User-agent: *\nDisallow: /verify\n');
  });
  // Manifest, service worker and offline page: no session, no user data.
  app.use(pwaRoutes({ i18n }));

  app.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }));
  app.use(cookieParser());
  app.use(sessionMiddleware({ connection: deps.connection, secret: config.sessionSecret, secure: config.isProduction }));
  const passport = createPassport({
    authenticate: (identifier, password) => services.accounts.accounts.authenticate(identifier, password),
    findSessionUser: (id) => services.accounts.accounts.findSessionUser(id),
  });
  app.use(passport.session());
  app.use(
    languageMiddleware({
      secure: config.isProduction,
      saveAccountLanguage: (userId, lng) => services.accounts.accounts.setLanguage(userId, lng),
    }),
  );
  app.use(
    localsMiddleware({
      i18n,
      navFor,
      unreadCount: (user) => services.notifications.service.unreadCount({ id: user.id, roles: user.roles }),
    }),
  );
  // After the page locals, so the refusal is shown in the visitor's language.
  app.use(rejectControlCharacters);
  // File uploads are multipart: their _csrf field is read only after the upload route's parser ran,
  // so those routes (and only those) check the token themselves right after parsing.
  const checksCsrfAfterUpload = new Set(['/workers/import', '/certificates/history']);
  app.use((req, res, next) => {
    if (req.method === 'POST' && checksCsrfAfterUpload.has(req.path) && req.is('multipart/form-data')) return next();
    csrf.csrfSynchronisedProtection(req, res, next);
  });

  const limited = (key: string) => (req: express.Request, res: express.Response) => {
    res.status(429).render('errors/error', { status: 429, messageKey: key, messageParams: {}, requestId: req.id });
  };
  const loginLimit = deps.loginLimit ?? LOGIN_LIMIT;
  // After a one-time login code, nothing but the new-password form until a password is set.
  app.use(requirePasswordChange);
  app.use(
    accountsRoutes({
      auth: authController({ passport, accounts: services.accounts.accounts, resets: services.accounts.resets }),
      users: usersController({ accounts: services.accounts.accounts, outbox: services.accounts.outbox, codes: services.accounts.codes }),
      preferences: preferencesController(services.accounts.accounts),
      loginLimiters: loginLimiters({
        connection: deps.connection,
        ...loginLimit,
        accountKey: async (req) =>
          typeof req.body?.identifier === 'string' ? services.accounts.accounts.loginThrottleKey(req.body.identifier) : null,
        onLimited: limited('errors:login_rate_limited'),
      }),
      resetLimiter: addressLimiter(deps.connection, 'reset-ip:', 20, 15 * 60 * 1000, limited('errors:rate_limited')),
    }),
  );
  app.use(homeRoutes(services.home));
  app.use(workshopsRoutes(services.workshops));
  app.use(workersRoutes(services.workers));
  app.use(catalogueRoutes(services.catalogue));
  // Calendar before scheduling: its /sessions/:id.ics must not be read as /sessions/:id.
  app.use(calendarRoutes(services.calendar));
  app.use(schedulingRoutes(services.scheduling));
  app.use(notificationsRoutes(services.notifications));
  app.use(attendanceRoutes(services.attendance));
  app.use(competenciesRoutes(services.competencies));
  app.use(assessmentsRoutes(services.assessments));
  app.use(certificatesRoutes(services.certificates));
  app.use(continuityRoutes(services.continuity));
  app.use(reportsRoutes(services.reports));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
