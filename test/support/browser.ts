/**
 * Browser journeys: Debian's chromium driven by playwright-core (never a downloaded browser), against
 * the real server started once per mocha run (src/main.ts on its own DATA_DIR, seeded with the demo
 * data), one browser per test file. Every page a journey shows is checked with axe-core, and the
 * journey fails if it visited a page it did not check.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'chai';
import { createI18n } from '../../src/platform/i18n';
import { projectRoot } from '../../src/platform/paths';
import { startAppProcess, type AppProcess } from './app-process';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
export const DEMO_PASSWORD = 'takaru-demo';
export const ARTIFACTS = path.join(projectRoot(), 'test-artifacts', 'e2e');
const AXE = path.join(projectRoot(), 'node_modules', 'axe-core', 'axe.min.js');

/** The Indonesian texts the pages show (the default language): journeys find controls by these. */
export const t = createI18n().getFixedT('id');

let server: Promise<AppProcess> | undefined;

/** The one real server of this mocha run (demo data seeded on its first start). */
export function sharedServer(): Promise<AppProcess> {
  // E2E_BASE_URL: a server already running on seeded demo data (quicker while writing journeys).
  const given = process.env.E2E_BASE_URL;
  if (given) server ??= Promise.resolve({ baseUrl: given, port: Number(new URL(given).port), dataDir: '', output: () => '' } as unknown as AppProcess);
  server ??= startAppProcess({ env: { SEED_DEMO: 'auto' } });
  return server;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

export interface Journey {
  page: Page;
  context: BrowserContext;
  baseUrl: string;
  /** Goes to a path and checks the page. */
  visit(pathname: string): Promise<void>;
  /** axe-core on the current page; serious or critical violations fail the journey in done(). */
  audit(label?: string): Promise<void>;
  /** A full-page screenshot in test-artifacts/e2e/<file>/. */
  shot(name: string): Promise<void>;
  /**
   * The page shows this message now (not a page later): a flash message or a form's error summary,
   * `<label>: <text>` exactly, in a status (success, info) or alert (error) notice. Fails with the
   * messages the page shows instead.
   */
  expectFlash(text: string, type?: NoticeType): Promise<void>;
  /** Closes the context; fails on any serious/critical violation found, or a page shown but not audited. */
  done(): Promise<void>;
}

export type NoticeType = 'success' | 'info' | 'error';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The notices (views/partials/flash.ejs, form-errors.ejs) the page shows, as `<role> <text>`. */
export async function noticesOf(page: Page): Promise<{ role: string; text: string }[]> {
  return page.locator('main .notice[role="status"], main .notice[role="alert"]').evaluateAll((els) =>
    els.map((el) => ({ role: el.getAttribute('role') ?? '', text: (el as HTMLElement).innerText })));
}

export interface BrowserSuite {
  readonly browser: Browser;
  readonly app: AppProcess;
  journey(opts?: { viewport?: { width: number; height: number }; name?: string; javaScriptEnabled?: boolean; isMobile?: boolean; hasTouch?: boolean }): Promise<Journey>;
}

/** Registers the before/after hooks of a test file: the shared server, one browser for the file. */
export function useBrowser(fileLabel: string): BrowserSuite {
  let browser: Browser | undefined;
  let app: AppProcess | undefined;
  const dir = path.join(ARTIFACTS, fileLabel);

  before(async function () {
    this.timeout(300_000);
    app = await sharedServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(dir, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  return {
    get browser() {
      return browser!;
    },
    get app() {
      return app!;
    },
    async journey(opts = {}) {
      const context = await browser!.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 }, acceptDownloads: true, locale: 'id-ID', timezoneId: 'Asia/Jakarta',
        javaScriptEnabled: opts.javaScriptEnabled ?? true, isMobile: opts.isMobile ?? false, hasTouch: opts.hasTouch ?? false,
        // axe-core is injected as a script tag; the app's CSP (rightly) allows no inline script.
        bypassCSP: true });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      const baseUrl = app!.baseUrl;
      const shown = new Set<string>();
      const audited = new Set<string>();
      const problems: string[] = [];
      const key = (u: string) => {
        const url = new URL(u);
        return url.pathname + url.search;
      };
      // Pages (HTML documents) the journey showed; files such as PDFs are not pages.
      page.on('response', (res) => {
        if (res.request().isNavigationRequest() && res.frame() === page.mainFrame() && res.url().startsWith(baseUrl) &&
          res.status() < 300 && /text\/html/.test(res.headers()['content-type'] ?? '')) shown.add(key(res.url()));
      });
      let shots = 0;
      const journey: Journey = {
        page,
        context,
        baseUrl,
        async visit(pathname) {
          const res = await page.goto(baseUrl + pathname);
          expect(res?.status(), `GET ${pathname}`).to.be.below(400);
          await journey.audit();
        },
        async audit(label) {
          await page.waitForLoadState('load');
          audited.add(key(page.url()));
          // axe-core runs as a script in the page: not possible with JavaScript off. Journeys without
          // JavaScript repeat pages a JavaScript journey checks.
          if (opts.javaScriptEnabled === false) return;
          const violations = await axeViolations(page);
          const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          // Collected, not thrown: the journey goes on and done() lists every page's violations at once.
          if (bad.length > 0) problems.push(`axe on ${label ?? key(page.url())}:\n${describeViolations(bad)}`);
        },
        async shot(name) {
          shots++;
          const prefix = (opts.name ? opts.name + '-' : '') + String(shots).padStart(2, '0');
          await page.screenshot({ path: path.join(dir, `${prefix}-${name}.png`), fullPage: true });
        },
        async expectFlash(text, type = 'success') {
          const role = type === 'error' ? 'alert' : 'status';
          const wanted = squash(`${t(`common:notice.${type}`)}: ${text}`);
          const shown = (await noticesOf(page)).map((n) => ({ role: n.role, text: squash(n.text) }));
          const found = shown.some((n) => n.role === role && n.text === wanted);
          const seen = shown.length ? shown.map((n) => `[${n.role}] ${n.text}`).join(' | ') : '(none)';
          expect(found, `${role} "${wanted}" on ${key(page.url())}; the page shows: ${seen}`).to.equal(true);
        },
        async done() {
          const missed = [...shown].filter((u) => !audited.has(u));
          await context.close();
          expect(problems.join('\n'), 'serious or critical accessibility violations').to.equal('');
          expect(missed, 'pages shown but not checked with axe').to.deep.equal([]);
        },
      };
      return journey;
    },
  };
}

/** Runs axe-core (WCAG 2 A/AA rules and best practices) in the page. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // axe is the global the injected script defines.
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  });
}

function describeViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.html}`).join('\n')}`).join('\n');
}

/** Regex-escapes text. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches a label's whole text, with or without the required-field star. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRe(text)}\\s*\\*?\\s*$`);
}

/** Signs in through the login form with the mouse, as most people do; lands on the role's home page. */
export async function logIn(j: Journey, identifier: string, password = DEMO_PASSWORD): Promise<void> {
  await j.visit('/login');
  await j.page.getByLabel(t('accounts:login.identifier')).fill(identifier);
  await j.page.getByLabel(exactly(t('accounts:login.password'))).fill(password);
  await Promise.all([j.page.waitForURL((u) => !u.pathname.startsWith('/login')), j.page.getByRole('button', { name: t('accounts:login.submit') }).click()]);
  await j.audit();
}

/** Clicks a button that submits a form and waits for the page the server answers with; checks it. */
export async function submit(j: Journey, button: Locator): Promise<void> {
  await Promise.all([j.page.waitForNavigation(), button.click()]);
  await j.audit();
}

/** Presses Tab until `target` has the focus; fails after `max` presses. Returns the number of presses. */
export async function tabTo(page: Page, target: Locator, what: string, max = 80): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return i;
  }
  throw new Error(`${what} not reached with ${max} presses of Tab`);
}

/** The WIB wall-clock date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function wibDateTime(d: Date): { date: string; time: string } {
  const w = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return { date: w.slice(0, 10), time: w.slice(11, 16) };
}
