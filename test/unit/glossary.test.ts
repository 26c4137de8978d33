import { readdirSync, readFileSync } from 'node:fs';
import { projectRoot } from '../../src/platform/paths';
import path from 'node:path';
import { expect } from 'chai';
import { GLOSSARY, TRADES } from '../../src/platform/glossary';
import { createI18n, LANGUAGES, localesDir, type Language } from '../../src/platform/i18n';
import { CERTIFICATE_STATUSES } from '../../src/modules/certificates/validity';

function strings(obj: unknown, prefix: string, out: Array<[string, string]>): Array<[string, string]> {
  if (typeof obj === 'string') out.push([prefix, obj]);
  else if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) strings(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** Every translated string of one language, as `[namespace:key, text]`. */
function localeStrings(lng: Language): Array<[string, string]> {
  const dir = path.join(localesDir(), lng);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => strings(JSON.parse(readFileSync(path.join(dir, f), 'utf8')), '', []).map(([k, v]): [string, string] => [`${f.slice(0, -5)}:${k}`, v]));
}

// Placeholders and nested keys are names, not text: "{{lapsed}} proses gugur" is fine.
const prose = (text: string) => text.replace(/\{\{[^}]*\}\}|\$t\([^)]*\)/g, ' ');
// Whole words only, so that "kedaluwarsa" does not trip over "daluwarsa"; Unicode letters count as word characters.
const wordPattern = (variant: string) => new RegExp(`(?<![\\p{L}\\p{N}])${variant.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');

describe('glossary: one name per trade and per state', () => {
  const i18n = createI18n();

  it('covers the codes the models use', () => {
    expect(GLOSSARY.trade.codes).to.deep.equal(TRADES);
    expect([...GLOSSARY.certificateStatus.codes]).to.have.members([...CERTIFICATE_STATUSES]);
  });

  for (const lng of LANGUAGES) {
    it(`has a label for every glossary code in ${lng}`, () => {
      const missing = Object.values(GLOSSARY).flatMap((term) =>
        (term.codes.length ? term.codes.map((c) => `${term.labels}.${c}`) : [term.labels]).filter((key) => !i18n.exists(key, { lng })),
      );
      expect(missing).to.deep.equal([]);
    });

    it(`spells no glossary term another way anywhere in the ${lng} locale files`, () => {
      const all = localeStrings(lng);
      const offenders = Object.entries(GLOSSARY).flatMap(([term, { forbidden }]) =>
        forbidden[lng].flatMap((variant) =>
          all.filter(([, text]) => wordPattern(variant).test(prose(text))).map(([key, text]) => `${term} "${variant}" in ${key}: ${text}`),
        ),
      );
      expect(offenders).to.deep.equal([]);
    });
  }

  it('gives each trade one label that the import can split on commas', () => {
    for (const lng of LANGUAGES) {
      const labels = TRADES.map((tr) => i18n.getFixedT(lng)(`catalogue:trades.${tr}`));
      expect(labels.filter((l) => /[,;/]/.test(l)), lng).to.deep.equal([]);
      expect(new Set(labels).size, lng).to.equal(TRADES.length);
    }
  });
});

describe('plurals in English', () => {
  // A number written before a noun needs `_one`/`_other` keys and a `count`, or it reads "1 processes".
  // Placeholders that hold words, not numbers, and limits that are never 1, are named here.
  const NOT_A_COUNT = new Set(['course', 'who', 'when', 'start', 'scheme', 'number', 'until', 'process', 'position', 'line',
    'week', 'room', 'old', 'new', 'date', 'reason', 'opens', 'closes', 'last', 'last_use', 'name', 'value', 'url', 'code',
    'login', 'min', 'max', 'rows', 'pct', 'limit']);
  const VERBS = new Set(['is', 'was', 'has', 'does', 'starts', 'teaches', 'requires', 'lapses', 'expires']);
  // A key still to convert (its caller must pass `count` as a number) would go here, for a while.
  const PENDING = new Set<string>([]);
  it('puts every counted noun in a plural key', () => {
    const noun = (w: string | undefined) => !!w && w.length > 2 && /s$/.test(w) && !VERBS.has(w);
    const offenders = localeStrings('en')
      .filter(([key]) => !/_(one|other)$/.test(key) && !PENDING.has(key))
      .filter(([, text]) =>
        [...text.matchAll(/\{\{(\w+)\}\}\s+(?:([\w-]+)\s+)?([a-z][\w-]*)/g)].some(
          ([, name, first, second]) => !NOT_A_COUNT.has(name!) && !VERBS.has(first ?? '') && (noun(first) || noun(second)),
        ),
      )
      .map(([key, text]) => `${key}: ${text}`);
    expect(offenders).to.deep.equal([]);
  });

  // The texts converted last, each with one and with two; the Indonesian single form takes `count` too.
  const en = createI18n().getFixedT('en');
  const id = createI18n().getFixedT('id');
  const CASES: Array<[string, Record<string, unknown>, string, string]> = [
    ['accounts:login_code.valid_until', { when: 'x' }, '(1 minute)', '(2 minutes)'],
    ['accounts:login_code.message', { code: 'x' }, 'Valid for 1 minute,', 'Valid for 2 minutes,'],
    ['attendance:register.not_started', {}, 'Until 1 minute before', 'Until 2 minutes before'],
    ['attendance:register.saved', {}, '(1 change)', '(2 changes)'],
    ['attendance:register.all_present_done', {}, '1 participant marked', '2 participants marked'],
    ['attendance:code.window', {}, 'More than 1 minute after', 'More than 2 minutes after'],
    ['attendance:checkin.recorded.late', {}, 'more than 1 minute after', 'more than 2 minutes after'],
    ['certificates:rule_short.fixed_term', {}, 'Fixed 1 year', 'Fixed 2 years'],
    ['certificates:rule_words.fixed_term', { date: 'x' }, 'Valid for 1 year from', 'Valid for 2 years from'],
    ['certificates:rule_plain.fixed_term', {}, 'Valid for 1 year from', 'Valid for 2 years from'],
    ['certificates:assessments.k_of', { k: 1 }, '1 of 1 unit K', '1 of 2 units K'],
    ['competencies:my.summary', { met: 1 }, '1 of 1 unit meets', '1 of 2 units meet'],
    ['competencies:my.summary_gap', {}, 'gap: 1 level.', 'gap: 2 levels.'],
    ['competencies:my.gap', {}, '1 level short', '2 levels short'],
    ['notifications:kinds.cert-expiry', { until: 'x' }, '1 day left', '2 days left'],
    ['notifications:kinds.cert-lapse', { until: 'x' }, '(1 day from now)', '(2 days from now)'],
    ['reports:index.position', { rank: 1 }, 'ranks 1 of 1 workshop of', 'ranks 1 of 2 workshops of'],
    ['reports:capability.summary', { certified: 1 }, '1 of 1 active worker certified', '1 of 2 active workers certified'],
    ['workers:import.done', { updated: 0, skipped: 0 }, '1 new worker,', '2 new workers,'],
  ];
  for (const [key, params, one, two] of CASES) {
    it(`counts in ${key}`, () => {
      expect(en(key, { ...params, count: 1 })).to.include(one);
      expect(en(key, { ...params, count: 2 })).to.include(two);
      expect(id(key, { ...params, count: 2 })).to.include('2').and.not.include('{{count}}');
    });
  }

  it('counts the pre- and post-assessments each on their own', () => {
    expect(en('assessments:sheet.recorded_counts', { pre: 1, post: 2 })).to.equal('1 pre-assessment, 2 post-assessments');
    expect(en('assessments:sheet.recorded_counts', { pre: 2, post: 1 })).to.equal('2 pre-assessments, 1 post-assessment');
    expect(id('assessments:sheet.recorded_counts', { pre: 1, post: 2 })).to.equal('1 penilaian awal, 2 penilaian akhir');
  });
});

describe('icons', () => {
  // Emoji-presentation characters (⏳, ✅, 📅 …) come from a colour-emoji font that many phones lack,
  // which then show an empty box: icons are text symbols, CSS or inline SVG.
  const files = (dir: string, ext: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === 'vendor' ? [] : files(path.join(dir, e.name), ext)) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : [],
    );
  it('uses no emoji glyphs in the styles, views or locale files', () => {
    const root = projectRoot();
    const all = [...files(path.join(root, 'public', 'css'), '.css'), ...files(path.join(root, 'views'), '.ejs'), ...files(localesDir(), '.json')];
    const offenders = all.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\p{Emoji_Presentation}/gu)].map((m) => `${path.relative(root, f)}: ${m[0]}`));
    expect(offenders).to.deep.equal([]);
  });
});
