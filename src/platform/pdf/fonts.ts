import { readFileSync } from 'node:fs';
import path from 'node:path';
import { woffToSfnt } from './woff';

/**
 * The fonts every PDF of the app draws with: DejaVu Sans from the `@fontsource/dejavu-sans` npm
 * package (so `npm ci` brings it), embedded and subset by pdfkit. The standard-14 Helvetica is never
 * embedded: a reader without it substitutes another font, and it has no glyph beyond WinAnsi (no
 * "≤", "✓", "Ł"). Fontsource's "latin" files of DejaVu are the whole font (6,000+ glyphs). They
 * come as WOFF, unpacked once to TrueType (woff.ts) so each PDF is quick to make.
 */
export const FONT = { regular: 'Sans', bold: 'Sans-Bold', italic: 'Sans-Oblique' } as const;

const FILES: Record<string, string> = {
  [FONT.regular]: 'dejavu-sans-latin-400-normal.woff',
  [FONT.bold]: 'dejavu-sans-latin-700-normal.woff',
  [FONT.italic]: 'dejavu-sans-latin-400-italic.woff',
};

let cache: Map<string, Buffer> | null = null;

function fontBytes(): Map<string, Buffer> {
  if (!cache) {
    // The package exports only its CSS and LICENSE, so the font files are found beside LICENSE.
    const dir = path.join(path.dirname(require.resolve('@fontsource/dejavu-sans/LICENSE')), 'files');
    cache = new Map(Object.entries(FILES).map(([name, file]) => [name, woffToSfnt(readFileSync(path.join(dir, file)))]));
  }
  return cache;
}

/** Registers FONT's names on a pdfkit document and selects the regular face. */
export function useAppFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, bytes] of fontBytes()) doc.registerFont(name, bytes);
  doc.font(FONT.regular);
}

/**
 * pdfkit copies Title, Author, Subject and Keywords into the XMP metadata without XML escaping, so
 * an "&" or "<" in a scheme or holder name would make the XMP (and the PDF/A claim) invalid. The
 * full-width forms read the same and keep the Info dictionary and the XMP identical, as PDF/A wants.
 */
export function metadataText(s: string): string {
  return s.replace(/&/g, '＆').replace(/</g, '＜').replace(/>/g, '＞');
}
