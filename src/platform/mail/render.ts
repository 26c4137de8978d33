import path from 'node:path';
import ejs from 'ejs';
import type { i18n } from 'i18next';
import { formatters, type Language } from '../i18n';
import { projectRoot } from '../paths';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const layoutsDir = () => path.join(projectRoot(), 'src', 'platform', 'mail', 'layouts');

/**
 * Renders `<dir>/<name>.html.ejs` and `.text.ejs` in the recipient's language inside the shared
 * layouts. Templates escape every value (`<%= %>`); the subject is the key `emails:<name>.subject`.
 */
export class EmailRenderer {
  /**
   * `cache`: keep compiled templates (production, like the app's view cache); otherwise each email
   * reads and compiles its templates, so edits show at once in development.
   */
  constructor(
    private readonly i18n: i18n,
    private readonly appUrl: string,
    private readonly opts: { cache?: boolean } = {},
  ) {}

  async render(dir: string, name: string, lng: Language, data: Record<string, unknown>): Promise<RenderedEmail> {
    const t = this.i18n.getFixedT(lng);
    const subject = t(`emails:${name}.subject`, data as Record<string, string>);
    const locals = { ...data, t, lng, subject, appUrl: this.appUrl, fmt: formatters(lng) };
    // Templates include the shared layout parts by name: `include('email-top.html.ejs')` resolves in layoutsDir.
    const options = { views: [layoutsDir()], cache: this.opts.cache === true };
    const [html, text] = await Promise.all([
      ejs.renderFile(path.join(dir, `${name}.html.ejs`), locals, options),
      // Plain text is not HTML: no entity escaping there (it would show &#39; to the reader).
      ejs.renderFile(path.join(dir, `${name}.text.ejs`), locals, { ...options, escape: (v: unknown) => String(v ?? '') }),
    ]);
    return { subject, html, text: text.replace(/\n{3,}/g, '\n\n').trim() + '\n' };
  }
}
