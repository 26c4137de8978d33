import QRCode from 'qrcode';

/** The absolute public verification link: from APP_URL (config), never from a request's Host header. */
export function verifyUrl(appUrl: string, code: string): string {
  return `${appUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(code)}`;
}

/**
 * A QR code of `text` as PNG bytes for the PDF: 4 pixels a module, which the PDF scales up. Scaling a
 * small image up keeps the modules sharp (renderers pick the nearest pixel); a large image scaled
 * down gets blurred edges that scanners misread. Error correction M survives a creased printout.
 */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 4 });
}

/** A QR code of `text` as a PNG data URL (for "My certificates", shown to an employer on a phone). */
export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}
