/**
 * The app for the Lighthouse and screenshot scripts: BASE_URL if given (a server already running on
 * the demo data), else a fresh server on its own data directory, seeded with the demo data
 * (test/support/app-process.ts; several minutes on a busy machine). Also signs the demo worker in.
 */
import { startAppProcess, type AppProcess } from '../test/support/app-process';
import { DEMO_PASSWORD } from '../test/support/browser';

export const DEMO_WORKER = 'pekerja@takaru.test';

export async function appForScripts(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const given = process.env.BASE_URL;
  if (given) return { baseUrl: given.replace(/\/+$/, ''), stop: async () => {} };
  process.stderr.write('starting the app and seeding the demo data…\n');
  const app: AppProcess = await startAppProcess({ env: { SEED_DEMO: 'auto' }, startTimeoutMs: 900_000 });
  return { baseUrl: app.baseUrl, stop: async () => void (await app.stop()) };
}

/** Signs in through the login form over HTTP; returns the session cookie (`name=value`). */
export async function sessionCookie(baseUrl: string, identifier = DEMO_WORKER, password = DEMO_PASSWORD): Promise<string> {
  const page = await fetch(`${baseUrl}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]!).join('; ');
  if (!csrf) throw new Error('no CSRF token on /login');
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
    body: new URLSearchParams({ _csrf: csrf, identifier, password }).toString(),
  });
  const sid = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('takaru.sid='));
  if (res.status !== 303 || !sid) throw new Error(`login failed: ${res.status}`);
  return sid;
}
