import PDFDocument from 'pdfkit';
import type { i18n } from 'i18next';
import { formatters } from '../../platform/i18n';
import { FONT, metadataText, useAppFonts } from '../../platform/pdf/fonts';
import { qrPng } from '../certificates';
import type { CapabilityStatement } from './capability.service';

const INK = '#1f2933';
const BRAND = '#0b4f6c';
const MUTED = '#52606d';

/**
 * The capability statement as an A4 PDF, Indonesian with English beneath (as the certificate PDF):
 * the workshop, then per process or trade and scheme each certified worker with number, validity,
 * status in words and a QR code of the certificate's public verification page, which an OEM buyer
 * or auditor scans to see the current status.
 */
export async function renderCapabilityPdf(s: CapabilityStatement, i18next: i18n): Promise<Buffer> {
  const id = i18next.getFixedT('id');
  const en = i18next.getFixedT('en');
  const [fid, fen] = [formatters('id'), formatters('en')];
  const pair = (a: string, b: string) => (a === b ? a : `${a} / ${b}`);
  const both = (key: string, params: Record<string, unknown> = {}) => pair(id(`reports:${key}`, params), en(`reports:${key}`, params));
  const dateBoth = (d: string | null) => (d ? pair(fid.date(`${d}T00:00:00+07:00`), fen.date(`${d}T00:00:00+07:00`)) : both('capability.indefinite'));

  const doc = new PDFDocument({ size: 'A4', margin: 40, pdfVersion: '1.7', lang: 'id-ID', displayTitle: true, info: { Title: metadataText(`${id('reports:capability.title')} ${s.workshop.name}`), Author: 'Takaru Skills' } });
  useAppFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = 40;
  const width = doc.page.width - 80;
  const bottom = doc.page.height - 50;

  doc.fillColor(MUTED).font(FONT.regular).fontSize(8).text('LIK TAKARU · TAKARU SKILLS', left, 36, { width, characterSpacing: 1.2 });
  doc.fillColor(BRAND).font(FONT.bold).fontSize(18).text(id('reports:capability.title'), left, 50, { width });
  doc.font(FONT.italic).fontSize(11).text(en('reports:capability.title'), { width });
  doc.moveDown(0.4).fillColor(INK).font(FONT.bold).fontSize(14).text(s.workshop.name, { width });
  doc.font(FONT.regular).fontSize(9).fillColor(MUTED);
  if (s.workshop.unit) doc.text(`LIK Takaru, ${s.workshop.unit}, Dampyak, Kramat, Kabupaten Tegal`, { width });
  if (s.workshop.products) doc.text(s.workshop.products, { width });
  const asOf = pair(id('reports:capability.as_of', { date: fid.date(s.asOf) }), en('reports:capability.as_of', { date: fen.date(s.asOf) }));
  doc.moveDown(0.3).fillColor(INK).fontSize(9.5).text(`${asOf} · ${both('capability.summary', { certified: s.certifiedWorkers, count: s.workers })}`, { width });
  doc.moveDown(0.2).fillColor(MUTED).fontSize(8).text(both('capability.scan_note'), { width });

  const QR = 54;
  for (const g of s.groups) {
    if (doc.y > bottom - 120) doc.addPage();
    const heading = g.process ? `${both('capability.process')}: ${g.process}` : `${both('capability.trade')}: ${pair(id(`catalogue:trades.${g.trade}`), en(`catalogue:trades.${g.trade}`))}`;
    doc.moveDown(0.8).fillColor(BRAND).font(FONT.bold).fontSize(12).text(heading, left, doc.y, { width });
    for (const scheme of g.schemes) {
      if (doc.y > bottom - 100) doc.addPage();
      doc.moveDown(0.3).fillColor(INK).font(FONT.bold).fontSize(10).text(`${scheme.name} · KKNI ${scheme.kkniLevel} · ${scheme.issuingBody}`, left, doc.y, { width });
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
  doc.end();
  return done;
}
