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
  // Still to convert: each needs its caller to pass `count` (or a split into one key per number).
  // Remove a key from here when it is fixed; a new offender fails the test.
  const PENDING = new Set([
    'accounts:login_code.valid_until', 'accounts:login_code.message', 'assessments:sheet.recorded_counts',
    'attendance:register.not_started', 'attendance:register.saved', 'attendance:register.all_present_done',
    'attendance:code.window', 'attendance:checkin.recorded.late', 'certificates:rule_short.fixed_term',
    'certificates:rule_words.fixed_term', 'certificates:rule_plain.fixed_term', 'certificates:assessments.k_of',
    'competencies:my.summary', 'competencies:my.summary_gap', 'competencies:my.gap', 'notifications:kinds.cert-expiry',
    'notifications:kinds.cert-lapse', 'reports:index.position', 'reports:capability.summary', 'workers:import.done',
  ]);
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
