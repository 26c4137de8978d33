/**
 * Reads a re-rendered form page the way assistive technology and a sighted reader do: which fields
 * are marked invalid, the message each is described by, and whether a closed <details> hides it.
 * A small tag scanner is enough: the pages are our own EJS output (attribute values escaped).
 */
export interface MarkedField {
  tag: string;
  name: string;
  id: string;
  value: string | null;
  /** Texts of the elements aria-describedby points at (the hint included). */
  described: string[];
  /** Action of the form the field is in. */
  formAction: string | null;
  /** True when a <details> without `open` encloses the field. */
  hidden: boolean;
}

const attr = (attrs: string, name: string): string | null => {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? decode(m[1]!) : null;
};

const decode = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;|&#34;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Text of the element with this id ('' when there is none). */
export function textOfId(html: string, id: string): string {
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`<([a-z][\\w-]*)\\b[^>]*\\sid="${esc}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? decode(m[2]!.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim() : '';
}

/** Every form control marked aria-invalid="true" on the page. */
export function markedFields(html: string): MarkedField[] {
  const out: MarkedField[] = [];
  const details: boolean[] = [];
  let formAction: string | null = null;
  const tags = /<(\/?)([a-zA-Z][\w-]*)\b([^>]*)>/g;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    const [, closing, rawTag, attrs = ''] = m;
    const tag = rawTag!.toLowerCase();
    if (tag === 'details') {
      if (closing) details.pop();
      else details.push(/(?:^|\s)open(?:\s|=|$)/.test(attrs));
    } else if (tag === 'form') {
      formAction = closing ? null : attr(attrs, 'action');
    } else if (!closing && (tag === 'input' || tag === 'select' || tag === 'textarea') && attr(attrs, 'aria-invalid') === 'true') {
      const ids = (attr(attrs, 'aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      out.push({
        tag,
        name: attr(attrs, 'name') ?? '',
        id: attr(attrs, 'id') ?? '',
        value: attr(attrs, 'value'),
        described: ids.map((id) => textOfId(html, id)),
        formAction,
        hidden: details.some((open) => !open),
      });
    }
  }
  return out;
}

/** Ids of the page's error messages (`class="error"`) that no field's aria-describedby points at. */
export function unboundMessages(html: string): string[] {
  const described = new Set<string>();
  for (const m of html.matchAll(/aria-describedby="([^"]*)"/g)) for (const id of m[1]!.split(/\s+/)) described.add(id);
  const loose: string[] = [];
  for (const m of html.matchAll(/<p\b([^>]*)>([\s\S]*?)<\/p>/g)) {
    const attrs = m[1]!;
    if (!/\bclass="[^"]*\berror\b[^"]*"/.test(attrs)) continue;
    const id = attr(attrs, 'id');
    if (!id || !described.has(id)) loose.push(id ?? decode(m[2]!.replace(/<[^>]+>/g, ' ')).trim());
  }
  return loose;
}
