import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { localesDir } from '../../src/platform/i18n';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function paths(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? paths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`.replace(PLURAL, '')],
  );
}

/** What the locale files define: namespaces, full key paths, top-level groups and multi-word leaf names. */
function vocabulary() {
  const namespaces = new Set<string>();
  const keys = new Set<string>();
  const groups = new Set<string>();
  const leaves = new Set<string>();
  for (const lng of readdirSync(localesDir())) {
    for (const file of readdirSync(path.join(localesDir(), lng))) {
      if (!file.endsWith('.json')) continue;
      namespaces.add(file.slice(0, -'.json'.length));
      const tree = JSON.parse(readFileSync(path.join(localesDir(), lng, file), 'utf8')) as Record<string, unknown>;
      for (const [k, v] of Object.entries(tree)) if (v && typeof v === 'object') groups.add(k);
      for (const p of paths(tree)) {
        keys.add(p);
        const leaf = p.slice(p.lastIndexOf('.') + 1);
        if (/^[a-z0-9]+([-_][a-z0-9]+)+$/.test(leaf)) leaves.add(leaf);
      }
    }
  }
  return { namespaces, keys, groups, leaves };
}

let cached: ReturnType<typeof vocabulary> | undefined;

/**
 * Text that looks like an untranslated key: `ns:key` with a known namespace and key (or key group); a dotted lowercase
 * path that is a key or starts with a key group (i18next shows a missing `scheduling:mine.cancelled`
 * as `mine.cancelled`); a multi-word leaf name of a key (`class-reminder`, `no_email`), which is what
 * a view shows when it prints a stored code instead of its label.
 */
export function rawKeysIn(text: string): string[] {
  const v = (cached ??= vocabulary());
  const found = new Set<string>();
  // A known namespace, then a key or a key group (job names such as `notifications:send-email` are not keys).
  for (const m of text.matchAll(/(?<![\w./@-])([a-z]+):([a-z0-9_][\w.-]*\w)/g)) {
    if (v.namespaces.has(m[1]!) && (v.keys.has(m[2]!) || v.groups.has(m[2]!.split('.')[0]!))) found.add(m[0]);
  }
  for (const m of text.matchAll(/(?<![\w./@:-])([a-z][a-z0-9_]*)((?:\.[a-z0-9_-]+)+)(?![\w@/-])/g)) {
    if (v.keys.has(m[0]) || v.groups.has(m[1]!)) found.add(m[0]);
  }
  for (const m of text.matchAll(/(?<![\w./@:-])[a-z0-9]+(?:[-_][a-z0-9]+)+(?![\w@/-])/g)) if (v.leaves.has(m[0])) found.add(m[0]);
  return [...found];
}

/** What a reader sees of a page: no scripts, styles, comments, tags or attributes; entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
