const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ParamFormats {
  dateTime: (d: Date) => string;
  date: (d: Date) => string;
}

/**
 * Notices keep their values language-neutral: instants as ISO strings (shown in WIB in the reader's
 * language), WIB calendar dates as "YYYY-MM-DD" (a certificate's last day), and texts in both languages as `<name>_id` / `<name>_en`.
 * `count` comes back as a number: i18next chooses the `_one`/`_other` form only for numbers.
 */
export function localiseParams(params: Record<string, string>, lng: string, fmt: ParamFormats): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    const m = /^(.*)_(id|en)$/.exec(key);
    if (m) {
      if (m[2] === lng || out[m[1]!] === undefined) out[m[1]!] = value;
      continue;
    }
    const text = String(value);
    if (ISO_INSTANT.test(text)) out[key] = fmt.dateTime(new Date(text));
    // Noon WIB: the same calendar day in every formatter.
    else if (CALENDAR_DATE.test(text)) out[key] = fmt.date(new Date(`${text}T12:00:00+07:00`));
    else if (key === 'count' && /^\d+$/.test(text)) out[key] = Number(text);
    else out[key] = text;
  }
  // Expiry notices stored before the texts counted with `count` name the number `days`.
  if (out.count === undefined && /^\d+$/.test(params.days ?? '')) out.count = Number(params.days);
  return out;
}
