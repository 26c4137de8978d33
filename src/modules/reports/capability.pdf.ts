import PDFDocument from 'pdfkit';
import type { i18n } from 'i18next';
import { formatters } from '../../platform/i18n';
import { FONT, metadataText, useAppFonts } from '../../platform/pdf/fonts';
import { qrPng } from '../certificates';
import type { CapabilityStatement } from './capability.service';

const INK = '#1f2933';
const BRAND = '#0b4f6c';
const MUTED = '#52606d';
const ALERT = '#9b1c1c';

/**
 * The capability statement as an A4 PDF, Indonesian with English beneath (as the certificate PDF):
 * the workshop with its contact, the statement number with a QR code of the statement's public
 * verification page (or a DRAFT mark when not issued), totals per process and KKNI level, then per
 * process or trade and scheme (its English name in the English half) each certified worker with
 * number, validity, status in words and a QR code of the certificate's verification page; the
 * signatory; "Halaman 1 dari 2 / Page 1 of 2" on every page.
 */
export async function renderCapabilityPdf(s: CapabilityStatement, i18next: i18n): Promise<Buffer> {
  const id = i18next.getFixedT('id');
  const en = i18next.getFixedT('en');
  const [fid, fen] = [formatters('id'), formatters('en')];
  const pair = (a: string, b: string) => (a === b ? a : `${a} / ${b}`);
  const both = (key: string, params: Record<string, unknown> = {}) => pair(id(`reports:${key}`, params), en(`reports:${key}`, params));
  const dateBoth = (d: string | null) => (d ? pair(fid.date(`${d}T00:00:00+07:00`), fen.date(`${d}T00:00:00+07:00`)) : both('capability.indefinite'));
  const whatOf = (process: string | null, trade: string, t: typeof id) => process ?? t(`catalogue:trades.${trade}`);

  const title = s.number ? `${id('reports:capability.title')} ${s.number}` : `${id('reports:capability.title')} ${s.workshop.name}`;
  const doc = new PDFDocument({ size: 'A4', margin: 40, bufferPages: true, pdfVersion: '1.7', lang: 'id-ID', displayTitle: true, info: { Title: metadataText(title), Author: 'Takaru Skills' } });
  useAppFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = 40;
  const width = doc.page.width - 80;
  const bottom = doc.page.height - 60;
  const HEAD_QR = 72;
  const headWidth = width - HEAD_QR - 12;

  doc.fillColor(MUTED).font(FONT.regular).fontSize(8).text('LIK TAKARU · TAKARU SKILLS', left, 36, { width: headWidth, characterSpacing: 1.2 });
  doc.fillColor(BRAND).font(FONT.bold).fontSize(18).text(id('reports:capability.title'), left, 50, { width: headWidth });
  doc.font(FONT.italic).fontSize(11).text(en('reports:capability.title'), { width: headWidth });
  if (s.number && s.statementUrl) {
    doc.image(await qrPng(s.statementUrl), left + width - HEAD_QR, 36, { width: HEAD_QR, height: HEAD_QR });
    doc.moveDown(0.2).fillColor(INK).font(FONT.bold).fontSize(11).text(`${both('capability.number')}: ${s.number}`, left, doc.y, { width: headWidth });
    doc.fillColor(MUTED).font(FONT.regular).fontSize(7).text(`${both('capability.verify_statement')}: ${s.statementUrl}`, left, doc.y, { width: headWidth });
  } else {
    doc.moveDown(0.2).fillColor(ALERT).font(FONT.bold).fontSize(10).text(pair(id('reports:capability.draft'), en('reports:capability.draft')), left, doc.y, { width: headWidth });
  }
  doc.y = Math.max(doc.y, 36 + HEAD_QR + 4);
  doc.moveDown(0.4).fillColor(INK).font(FONT.bold).fontSize(14).text(s.workshop.name, left, doc.y, { width });
  doc.font(FONT.regular).fontSize(9).fillColor(MUTED);
  if (s.workshop.unit) doc.text(`LIK Takaru, ${s.workshop.unit}, Dampyak, Kramat, Kabupaten Tegal`, { width });
  if (s.workshop.products) doc.text(s.workshop.products, { width });
  const contact = [s.workshop.phone, s.workshop.email, s.workshop.contact].filter(Boolean).join(' · ');
  if (contact) doc.text(`${both('capability.contact')}: ${contact}`, { width });
  const asOf = pair(id('reports:capability.as_of', { date: fid.date(s.asOf) }), en('reports:capability.as_of', { date: fen.date(s.asOf) }));
  doc.moveDown(0.3).fillColor(INK).fontSize(9.5).text(`${asOf} · ${both('capability.summary', { certified: s.certifiedWorkers, count: s.workers })}`, { width });

  if (s.totals.length > 0) {
    doc.moveDown(0.5).fillColor(BRAND).font(FONT.bold).fontSize(10).text(both('capability.totals'), left, doc.y, { width });
    doc.fillColor(INK).font(FONT.regular).fontSize(9);
    for (const tl of s.totals) {
      const line = (t: typeof id) => t('reports:capability.total_line', { count: tl.holders, what: whatOf(tl.process, tl.trade, t), level: tl.kkniLevel });
      doc.text(`• ${pair(line(id), line(en))}`, left, doc.y, { width });
    }
  }
  doc.moveDown(0.3).fillColor(MUTED).font(FONT.regular).fontSize(8).text(both('capability.scan_note'), left, doc.y, { width });

  const QR = 54;
  for (const g of s.groups) {
    if (doc.y > bottom - 120) doc.addPage();
    const heading = g.process ? `${both('capability.process')}: ${g.process}` : `${both('capability.trade')}: ${pair(id(`catalogue:trades.${g.trade}`), en(`catalogue:trades.${g.trade}`))}`;
    doc.moveDown(0.8).fillColor(BRAND).font(FONT.bold).fontSize(12).text(heading, left, doc.y, { width });
    for (const scheme of g.schemes) {
      if (doc.y > bottom - 100) doc.addPage();
      doc.moveDown(0.3).fillColor(INK).font(FONT.bold).fontSize(10).text(`${scheme.name} · KKNI ${scheme.kkniLevel} · ${scheme.issuingBody}`, left, doc.y, { width });
      // The English half names the scheme in English; without a recorded English name the
      // Indonesian one stands there, marked, so nobody mistakes it for a translation.
      const english = scheme.nameEn || `${scheme.name} [${en('reports:capability.no_english_name')}]`;
      doc.font(FONT.italic).fontSize(9).fillColor(MUTED).text(english, left, doc.y, { width });
      for (const r of scheme.rows) {
        const qr = await qrPng(r.verifyUrl);
        if (doc.y + QR + 6 > bottom) doc.addPage();
        const top = doc.y + 4;
        doc.image(qr, left, top, { width: QR, height: QR });
        const x = left + QR + 10;
        const w = width - QR - 10;
        doc.fillColor(INK).font(FONT.bold).fontSize(10).text(r.holderName, x, top + 2, { width: w });
        doc.font(FONT.regular).fontSize(8.5).text(`${both('col.number')}: ${r.number}  ·  ${both('capability.issued')}: ${dateBoth(r.issueDate)}`, x, doc.y, { width: w });
        const status = pair(id(`certificates:status.${r.status}`), en(`certificates:status.${r.status}`));
        doc.text(`${both('col.valid_until')}: ${dateBoth(r.validUntil)}  ·  ${both('col.status')}: ${status}`, x, doc.y, { width: w });
        doc.fillColor(MUTED).fontSize(7).text(r.verifyUrl, x, doc.y, { width: w });
        doc.y = Math.max(doc.y, top + QR) + 4;
      }
    }
  }
  if (s.groups.length === 0) doc.moveDown(1).fillColor(INK).font(FONT.regular).fontSize(10).text(both('capability.none'), left, doc.y, { width });

  if (doc.y > bottom - 80) doc.addPage();
  doc.moveDown(1.5).fillColor(INK).font(FONT.bold).fontSize(9.5).text(both('capability.signatory'), left, doc.y, { width });
  doc.moveDown(2.2).strokeColor(MUTED).lineWidth(0.5).moveTo(left, doc.y).lineTo(left + 200, doc.y).stroke();
  doc.moveDown(0.3).font(FONT.regular).fontSize(9.5);
  if (s.workshop.signatoryName) doc.text([s.workshop.signatoryName, s.workshop.signatoryTitle].filter(Boolean).join(', '), left, doc.y, { width });
  else doc.fillColor(ALERT).text(both('capability.no_signatory'), left, doc.y, { width });
  doc.fillColor(MUTED).fontSize(8.5).text(s.workshop.name, left, doc.y, { width });

  // Page numbers last, once the page count is known; the bottom margin is lifted while writing into
  // it, or pdfkit would start a new page for text below the margin.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const label = both('capability.page', { page: i - range.start + 1, pages: range.count });
    doc.fillColor(MUTED).font(FONT.regular).fontSize(8).text(s.number ? `${s.number} · ${label}` : label, left, doc.page.height - 32, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
