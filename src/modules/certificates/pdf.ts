import PDFDocument from 'pdfkit';
import type { i18n } from 'i18next';
import { formatters } from '../../platform/i18n';
import { qrPng } from './qr';
import type { CertificateState, ValidityRule } from './validity';
import { roman, ruleInWords, statusInWords } from './wording';

export interface PdfCertificate {
  number: string;
  holderName: string;
  schemeName: string;
  kkniLevel: number;
  issuingBody: { kind: string; name: string };
  units: { code: string; title: { id: string; en: string } }[];
  issueDate: Date;
  validity: ValidityRule;
  state: CertificateState;
}

const INK = '#1f2933';
const BRAND = '#0b4f6c';
const MUTED = '#52606d';

/**
 * The certificate as a one-page A4 landscape PDF, Indonesian with English beneath: holder, scheme
 * and KKNI level, units (code and title), issue date, validity rule in words with its date, number,
 * issuing body, the status on the day it is made, and a QR code of the absolute verification URL
 * (which always shows the current status).
 */
export async function renderCertificatePdf(c: PdfCertificate, url: string, i18next: i18n, now: Date): Promise<Buffer> {
  const id = i18next.getFixedT('id');
  const en = i18next.getFixedT('en');
  const [fid, fen] = [formatters('id'), formatters('en')];
  const pair = (a: string, b: string) => (a === b ? a : `${a} / ${b}`);
  const both = (key: string, params: Record<string, unknown> = {}) => pair(id(`certificates:pdf.${key}`, params), en(`certificates:pdf.${key}`, params));
  const qr = await qrPng(url);

  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 48,
    info: { Title: `${id('certificates:pdf.title')} ${c.number}`, Author: 'Takaru Skills', Subject: c.schemeName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const W = doc.page.width;
  const H = doc.page.height;
  doc.lineWidth(3).strokeColor(BRAND).rect(20, 20, W - 40, H - 40).stroke();
  doc.lineWidth(0.8).rect(28, 28, W - 56, H - 56).stroke();

  const left = 56;
  const width = W - 112;
  doc.fillColor(MUTED).font('Helvetica').fontSize(9).text('LIK TAKARU · TAKARU SKILLS', left, 44, { width, align: 'center', characterSpacing: 1.5 });
  doc.fillColor(BRAND).font('Helvetica-Bold').fontSize(24).text(id('certificates:pdf.title').toUpperCase(), left, 60, { width, align: 'center' });
  doc.font('Helvetica-Oblique').fontSize(13).text(en('certificates:pdf.title'), { width, align: 'center' });
  doc.moveDown(0.2).fillColor(INK).font('Helvetica-Bold').fontSize(10.5).text(`${both('number')}: ${c.number}`, { width, align: 'center' });

  doc.moveDown(0.8).fillColor(MUTED).font('Helvetica').fontSize(10).text(both('awarded_to'), { width, align: 'center' });
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(22).text(c.holderName, { width, align: 'center' });
  doc.moveDown(0.3).font('Helvetica').fontSize(11).text(`${both('competent_in')}:`, { width, align: 'center' });
  doc.font('Helvetica-Bold').fontSize(14).text(c.schemeName, { width, align: 'center' });
  doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(both('kkni', { level: roman(c.kkniLevel) }), { width, align: 'center' });

  const unitsTop = doc.y + 10;
  const unitWidth = W - 112 - 170;
  const small = c.units.length > 6;
  doc.fillColor(BRAND).font('Helvetica-Bold').fontSize(10).text(both('units'), left, unitsTop, { width: unitWidth });
  const size = small ? 8 : 9;
  for (const u of c.units) {
    const top = doc.y + 2;
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(size).text(u.code, left, top, { width: 105 });
    const afterCode = doc.y;
    doc.font('Helvetica').text(u.title.id, left + 110, top, { width: unitWidth - 110 });
    if (u.title.en) doc.font('Helvetica-Oblique').fillColor(MUTED).fontSize(size - 1).text(u.title.en, left + 110, doc.y, { width: unitWidth - 110 });
    doc.y = Math.max(doc.y, afterCode);
  }

  const infoTop = Math.max(doc.y + 12, H - 215);
  const label = (text: string, value: string, y: number) => {
    doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text(text, left, y, { width: unitWidth });
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(9.5).text(value, left, doc.y, { width: unitWidth });
    return doc.y + 4;
  };
  let y = label(both('issue_date'), pair(fid.date(c.issueDate), fen.date(c.issueDate)), infoTop);
  y = label(both('validity'), `${ruleInWords(id, fid, c.validity, c.state)}\n${ruleInWords(en, fen, c.validity, c.state)}`, y);
  y = label(both('issued_by'), `${c.issuingBody.name} (${both(`issuer.${c.issuingBody.kind}`)})`, y);
  label(pair(id('certificates:pdf.status_at', { date: fid.date(now) }), en('certificates:pdf.status_at', { date: fen.date(now) })), `${statusInWords(id, fid, c.state)}\n${statusInWords(en, fen, c.state)}`, y);
  const qrSize = 128;
  const qx = W - 56 - qrSize;
  const qy = H - 56 - qrSize - 28;
  doc.image(qr, qx, qy, { width: qrSize, height: qrSize });
  if (c.state.status === 'revoked') {
    doc.fillColor('#b42318').font('Helvetica-Bold').fontSize(16).text(both('revoked'), qx - 40, qy - 30, { width: qrSize + 40, align: 'right' });
  }
  doc.fillColor(MUTED).font('Helvetica').fontSize(7.5).text(both('scan_to_verify'), qx - 30, qy + qrSize + 2, { width: qrSize + 30, align: 'right' });
  doc.fontSize(6.5).text(url, qx - 150, doc.y, { width: qrSize + 150, align: 'right' });
  doc.end();
  return done;
}
