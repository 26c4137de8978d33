import type { ScanType } from './certificate-scan.model';

/**
 * The type of an uploaded scan from its first bytes (magic numbers), never from the name or the
 * browser's Content-Type: PDF "%PDF-", PNG "\x89PNG\r\n\x1a\n", JPEG "FF D8 FF". Null for anything else.
 */
export function detectScanType(bytes: Buffer): ScanType | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

const EXTENSIONS: Record<string, ScanType> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg' };

/**
 * Whether a file's name agrees with its content: a name with a known extension must name the type
 * the bytes are (PNG bytes called "scan.pdf" are refused, so what is stored is what it claims to be);
 * a name without one of these extensions is judged by its content alone.
 */
export function nameMatchesType(filename: string, type: ScanType): boolean {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (!ext) return true;
  const named = EXTENSIONS[ext];
  return named === undefined ? false : named === type;
}
