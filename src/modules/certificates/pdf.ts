import PDFDocument from 'pdfkit';
import type { i18n } from 'i18next';
import { formatters } from '../../platform/i18n';
import { FONT, metadataText, useAppFonts } from '../../platform/pdf/fonts';
import type { PdfFacts } from './pdf-facts';
import { qrPng } from './qr';
import type { CertificateState, ValidityRule } from './validity';
import { roman, ruleInWords, statusInWords } from './wording';

export interface PdfCertificate {
  number: string;
  holderName: string;
  workerId: string;
  assessmentId: string | null;
  schemeName: string;
  kkniLevel: number;
  issuingBody: { kind: string; name: string };
  units: { code: string; title: { id: string; en: string } }[];
  issueDate: Date;
  validity: ValidityRule;
  state: CertificateState;
  revocation: { at: Date; category: string } | null;
  /** The printed check code (`7KQ2-MX9D`): with the number, it verifies the certificate from paper. */
  checkCode: string;
}

/** Who signs certificates for the issuer (config: CERT_SIGNATORY_NAME / CERT_SIGNATORY_ROLE). */
export interface Signatory {
  name: string;
  role: string;
}

const INK = '#1f2933';
const BRAND = '#0b4f6c';
const MUTED = '#52606d';
const REVOKED = '#b42318';

/**
 * The certificate as a one-page A4 landscape PDF, Indonesian with English beneath: holder (with the
 * masked NIK), scheme and KKNI level, units (code and title), issue date, validity rule in words with
 * its date, number, issuing body, assessor, signatory, the status on the day it is made, and a QR
 * code of the absolute verification URL (which always shows the current status). A revoked
 * certificate shows no validity date but the revocation date, under a page-wide DICABUT / REVOKED.
 * PDF/A-2b with embedded fonts and tagged text, so the file stands on its own in an archive.
 */
export async function renderCertificatePdf(c: PdfCertificate, facts: PdfFacts & { signatory: Signatory }, url: string, i18next: i18n, now: Date): Promise<Buffer> {
  const id = i18next.getFixedT('id');
  const en = i18next.getFixedT('en');
  const [fid, fen] = [formatters('id'), formatters('en')];
  const pair = (a: string, b: string) => (a === b ? a : `${a} / ${b}`);
  const both = (key: string, params: Record<string, unknown> = {}) => pair(id(`certificates:pdf.${key}`, params), en(`certificates:pdf.${key}`, params));
  const qr = await qrPng(url);
  const title = `${id('certificates:pdf.title')} ${c.number}`;

  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 48,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'id-ID',
    displayTitle: true,
    info: {
      Title: metadataText(title),
      Author: metadataText(c.issuingBody.name),
      Subject: metadataText(`${c.schemeName} (KKNI ${roman(c.kkniLevel)}): ${c.holderName}`),
      Keywords: metadataText(`${id('certificates:pdf.title')}, ${en('certificates:pdf.title')}, ${c.number}, ${c.schemeName}`),
      Creator: 'Takaru Skills',
      CreationDate: now,
    },
  });
  useAppFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const P = { structParent: root, structType: 'P' as const };
  const artifact = (draw: () => void) => {
    doc.markContent('Artifact');
    draw();
    doc.endMarkedContent();
  };

  const W = doc.page.width;
  const H = doc.page.height;
  artifact(() => {
    doc.lineWidth(3).strokeColor(BRAND).rect(20, 20, W - 40, H - 40).stroke();
    doc.lineWidth(0.8).rect(28, 28, W - 56, H - 56).stroke();
  });

  const left = 56;
  const width = W - 112;
  const centred = { ...P, width, align: 'center' as const };
  doc.fillColor(MUTED).font(FONT.regular).fontSize(9).text('LIK TAKARU · TAKARU SKILLS', left, 44, { ...centred, characterSpacing: 1.5 });
  doc.fillColor(BRAND).font(FONT.bold).fontSize(24).text(id('certificates:pdf.title').toUpperCase(), left, 60, { ...centred, structType: 'H1' });
  doc.font(FONT.italic).fontSize(13).text(en('certificates:pdf.title'), centred);
  doc.moveDown(0.2).fillColor(INK).font(FONT.bold).fontSize(10.5).text(`${both('number')}: ${c.number}`, centred);
  // Large, so the number and check code can be typed at /verify from a photocopy without the QR.
  doc.font(FONT.bold).fontSize(15).text(`${both('check_code')}: ${c.checkCode}`, centred);
  const verifyPage = url.slice(0, url.lastIndexOf('/'));
  doc.fillColor(MUTED).font(FONT.regular).fontSize(8).text(both('verify_with', { url: verifyPage }), centred);

  doc.moveDown(0.5).fillColor(MUTED).font(FONT.regular).fontSize(10).text(both('awarded_to'), centred);
  doc.fillColor(INK).font(FONT.bold).fontSize(22).text(c.holderName, centred);
  if (facts.holderNik) doc.fillColor(MUTED).font(FONT.regular).fontSize(9).text(facts.holderNik, centred);
  doc.moveDown(0.3).fillColor(INK).font(FONT.regular).fontSize(11).text(`${both('competent_in')}:`, centred);
  doc.font(FONT.bold).fontSize(14).text(c.schemeName, centred);
  doc.font(FONT.regular).fontSize(10).fillColor(MUTED).text(both('kkni', { level: roman(c.kkniLevel) }), centred);

  const unitsTop = doc.y + 10;
  const unitWidth = W - 112 - 230;
  const small = c.units.length > 6;
  doc.fillColor(BRAND).font(FONT.bold).fontSize(10).text(both('units'), left, unitsTop, { ...P, structType: 'H2', width: unitWidth });
  const size = small ? 8 : 9;
  for (const u of c.units) {
    const top = doc.y + 2;
    doc.fillColor(INK).font(FONT.bold).fontSize(size).text(u.code, left, top, { ...P, width: 105 });
    const afterCode = doc.y;
    doc.font(FONT.regular).text(u.title.id, left + 110, top, { ...P, width: unitWidth - 110 });
    if (u.title.en) doc.font(FONT.italic).fillColor(MUTED).fontSize(size - 1).text(u.title.en, left + 110, doc.y, { ...P, width: unitWidth - 110 });
    doc.y = Math.max(doc.y, afterCode);
  }

  const infoTop = Math.max(doc.y + 12, H - 225);
  const label = (text: string, value: string, y: number) => {
    doc.fillColor(MUTED).font(FONT.regular).fontSize(8.5).text(text, left, y, { ...P, width: unitWidth });
    doc.fillColor(INK).font(FONT.bold).fontSize(9.5).text(value, left, doc.y, { ...P, width: unitWidth });
    return doc.y + 3;
  };
  let y = label(both('issue_date'), pair(fid.date(c.issueDate), fen.date(c.issueDate)), infoTop);
  if (c.revocation) {
    // No validity at all on a revoked certificate: a date next to "validity" reads as "valid until".
    const at = c.revocation.at;
    const category = (t: typeof id) => t(`certificates:revoke.categories.${c.revocation!.category}`);
    y = label(both('revoked_label'), `${id('certificates:pdf.revoked_on', { date: fid.date(at) })} (${category(id)})\n${en('certificates:pdf.revoked_on', { date: fen.date(at) })} (${category(en)})`, y);
  } else {
    y = label(both('validity'), `${ruleInWords(id, fid, c.validity, c.state)}\n${ruleInWords(en, fen, c.validity, c.state)}`, y);
  }
  y = label(both('issued_by'), `${c.issuingBody.name} (${both(`issuer.${c.issuingBody.kind}`)})`, y);
  if (facts.assessor) y = label(both('assessor'), `${facts.assessor.name} (${both('assessor_registration')} ${facts.assessor.registration})`, y);
  label(pair(id('certificates:pdf.status_at', { date: fid.date(now) }), en('certificates:pdf.status_at', { date: fen.date(now) })), `${statusInWords(id, fid, c.state)}\n${statusInWords(en, fen, c.state)}`, y);

  const qrSize = 128;
  const qx = W - 56 - qrSize;
  const qy = H - 56 - qrSize - 28;
  const sigWidth = 200;
  const sx = W - 56 - sigWidth;
  const sy = qy - 92;
  doc.fillColor(MUTED).font(FONT.regular).fontSize(8).text(both('signed_for', { issuer: c.issuingBody.name }), sx, sy, { ...P, width: sigWidth, align: 'center' });
  artifact(() => doc.lineWidth(0.6).strokeColor(MUTED).moveTo(sx + 20, sy + 42).lineTo(sx + sigWidth - 20, sy + 42).stroke());
  doc.fillColor(INK).font(FONT.bold).fontSize(10).text(facts.signatory.name, sx, sy + 46, { ...P, width: sigWidth, align: 'center' });
  if (facts.signatory.role) doc.fillColor(MUTED).font(FONT.regular).fontSize(8.5).text(facts.signatory.role, sx, doc.y, { ...P, width: sigWidth, align: 'center' });

  root.add(doc.struct('Figure', { alt: both('scan_to_verify') }, () => doc.image(qr, qx, qy, { width: qrSize, height: qrSize })));
  doc.fillColor(MUTED).font(FONT.regular).fontSize(7.5).text(both('scan_to_verify'), qx - 30, qy + qrSize + 2, { ...P, width: qrSize + 30, align: 'right' });
  doc.fontSize(6.5).text(url, qx - 150, doc.y, { ...P, width: qrSize + 150, align: 'right' });
  if (c.state.status === 'revoked') revokedMark(doc, id('certificates:pdf.revoked'), en('certificates:pdf.revoked'), P);
  doc.end();
  return done;
}

/**
 * DICABUT / REVOKED across the whole page, over the content, translucent so what it covers stays
 * legible: a printout or a cropped photo of a revoked certificate cannot pass for a valid one.
 */
function revokedMark(doc: PDFKit.PDFDocument, idWord: string, enWord: string, tag: { structParent: PDFKit.PDFStructureElement; structType: 'P' }): void {
  const W = doc.page.width;
  const H = doc.page.height;
  const angle = (Math.atan2(H, W) * 180) / Math.PI;
  // Along the diagonal, short of the corners so that no letter leaves the page.
  const span = Math.hypot(W, H) * 0.64;
  const big = fit(doc, idWord, span, 150);
  const second = fit(doc, enWord, span * 0.75, 105);
  const top = H / 2 - (big + second) * 0.55;
  doc.save();
  doc.rotate(-angle, { origin: [W / 2, H / 2] });
  doc.fillColor(REVOKED).fillOpacity(0.25).font(FONT.bold);
  doc.fontSize(big).text(idWord, W / 2 - span / 2, top, { ...tag, width: span, align: 'center', lineBreak: false });
  doc.fontSize(second).text(enWord, W / 2 - span / 2, top + big * 1.1, { ...tag, width: span, align: 'center', lineBreak: false });
  doc.restore();
}

/** The largest font size up to `max` at which `word` fits in `width`. */
function fit(doc: PDFKit.PDFDocument, word: string, width: number, max: number): number {
  doc.font(FONT.bold).fontSize(max);
  return Math.min(max, (max * width) / doc.widthOfString(word));
}
