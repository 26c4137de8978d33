import { expect } from 'chai';
import request from 'supertest';
import { trusted } from 'mongoose';
import type { i18n } from 'i18next';
import { seedDemoData } from '../../src/demo/seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/workshops.data';
import { User } from '../../src/modules/accounts';
import { Certificate } from '../../src/modules/certificates';
import { Worker } from '../../src/modules/workers';
import { Enrollment, TrainingSession } from '../../src/modules/scheduling';
import { buildApp, type TestContext } from '../support/harness';
import { signIn, type Agent } from '../support/http';
import { listRoutes } from '../support/routes';
import { rawKeysIn, visibleText } from '../support/locale-keys';
import { ROUTE_TABLE, type Access } from './route-table';

type Persona = 'anonymous' | (typeof DEMO_ACCOUNTS)[number];

function allows(access: Access, persona: Persona): boolean {
  if (access === 'public') return true;
  if (persona === 'anonymous' || access === 'anonymous') return persona === 'anonymous' && access === 'anonymous';
  return access === 'signed-in' || access.some((r) => (persona.roles as readonly string[]).includes(r));
}

/** A route pattern as a regular expression over paths (`/sessions/:id.ics` → `/sessions/[^/]+\.ics`). */
const patternOf = (route: string) => new RegExp(`^${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+?')}$`);

/** Downloads are not pages: no need to fetch them to read their text. */
const isDownload = (path: string) => /\.(pdf|ics|csv|xlsx|png|svg|js|css)$/.test(path) || path.startsWith('/public/');

/** The state the demo does not have yet but pages must word: a cancelled enrolment, logged notices of several kinds. */
async function addStates(ctx: TestContext) {
  const account = await User.findOne({ email: DEMO_ACCOUNTS.find((a) => a.roles.includes('worker' as never))!.email }, { _id: 1 }).lean();
  const worker = await Worker.findOne({ user: account!._id }, { _id: 1 }).lean();
  const open = await TrainingSession.findOne({ state: 'open', firstStart: trusted({ $gt: ctx.clock.now() }) }, { _id: 1 }).lean();
  if (worker && open) {
    await Enrollment.deleteOne({ session: open._id, worker: worker._id });
    await Enrollment.create({ session: open._id, worker: worker._id, status: 'cancelled', requestedBy: 'worker', cancelledAt: ctx.clock.now() });
  }
  if (worker) {
    for (const kind of ['class-reminder', 'waitlist-promoted', 'session-cancelled']) {
      await ctx.services.notifications.service.notifyWorkers([String(worker._id)], { key: `raw-keys:${kind}`, kind, link: '/sessions/open', params: { course: 'LAS-01', start: '', reason: 'x' } });
    }
  }
}

/** Keys looked up but missing in the locale files (lookups with a default value are deliberate). */
function recordMissing(instance: i18n): { missing: Set<string>; stop: () => void } {
  const missing = new Set<string>();
  const { saveMissing, missingKeyHandler } = instance.options;
  instance.options.saveMissing = true;
  instance.options.missingKeyHandler = (_lngs, ns, key, _fallback, _update, options) => {
    if ((options as { defaultValue?: unknown } | undefined)?.defaultValue === undefined) missing.add(`${ns}:${key}`);
  };
  return { missing, stop: () => Object.assign(instance.options, { saveMissing, missingKeyHandler }) };
}

describe('no translation key on screen', () => {
  it('shows none on any page each role reaches, in Indonesian and in English', async function () {
    this.timeout(900000);
    const ctx = buildApp({ loginLimit: { limit: 1000, windowMs: 60_000 } });
    await seedDemoData(ctx.deps);
    await addStates(ctx);
    const gets = listRoutes(ctx.app).filter((r) => r.startsWith('GET ')).map((r) => r.slice(4));
    const patterns = gets.map((p) => ({ route: p, re: patternOf(p) }));
    const routeOf = (path: string) => patterns.find((p) => p.re.test(path))?.route;
    const certificate = await Certificate.findOne({}, { verifyCode: 1 }).lean();
    const recorder = recordMissing(ctx.deps.i18n);
    const problems: string[] = [];
    const checked = new Set<string>();
    try {
      for (const persona of ['anonymous', ...DEMO_ACCOUNTS] as Persona[]) {
        const who = persona === 'anonymous' ? 'anonymous' : persona.roles[0];
        const agent: Agent = persona === 'anonymous' ? request.agent(ctx.app) : await signIn(ctx.app, persona.email, DEMO_PASSWORD);
        for (const lng of ['id', 'en'] as const) {
          await agent.get(`${persona === 'anonymous' ? '/login' : '/account/password'}?lng=${lng}`).expect(200);
          // Every page without parameters the role may open, then every link found, one URL per route.
          const queue = gets.filter((p) => !p.includes(':') && allows(ROUTE_TABLE[`GET ${p}`] ?? [], persona) && !isDownload(p));
          // The public verification page is reached from a certificate's QR code, not from a link.
          if (persona === 'anonymous' && certificate) queue.push(`/verify/${certificate.verifyCode}`);
          const seen = new Set<string>();
          while (queue.length) {
            const url = queue.shift()!;
            const path = url.split('?')[0]!;
            const route = routeOf(path);
            if (!route || seen.has(route) || isDownload(path)) continue;
            seen.add(route);
            const res = await agent.get(url).redirects(0);
            if (res.status >= 500) problems.push(`${who} ${lng} ${url}: ${res.status}`);
            if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
            checked.add(`${who} ${route}`);
            // The offline page is shown before anyone's language is known: both languages, each marked.
            const inLng = route === '/offline' ? res.text.includes(`lang="${lng}"`) : res.text.includes(`<html lang="${lng}">`);
            if (!inLng) problems.push(`${who} ${lng} ${url}: page not in ${lng}`);
            for (const key of rawKeysIn(visibleText(res.text))) problems.push(`${who} ${lng} ${url}: "${key}"`);
            for (const m of res.text.matchAll(/href="(\/[^"#]*)"/g)) {
              const href = m[1]!.replace(/&amp;/g, '&');
              if (!href.startsWith('//') && !/[?&]lng=/.test(href)) queue.push(href);
            }
          }
        }
      }
    } finally {
      recorder.stop();
    }
    if (process.env.SHOW_UNREAD) process.stdout.write(`${gets.filter((g) => ![...checked].some((c) => c.endsWith(` ${g}`))).join('\n')}\n`);
    process.stdout.write(`      (${checked.size} role × route pages read in both languages)\n`);
    expect(problems, 'raw keys or errors on pages').to.deep.equal([]);
    expect([...recorder.missing], 'keys looked up but missing from src/locales').to.deep.equal([]);
    expect(checked.size).to.be.greaterThan(100);
    expect([...checked]).to.include.members(['worker /sessions/open', 'admin /admin/notifications', 'coordinator /sessions/:id', 'worker /sessions/:id', 'anonymous /verify/:code']);
  });
});
