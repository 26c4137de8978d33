import type { CertificateStatus } from '../certificates';

/** One certificate as a statement lists it (the live page, the issued snapshot and the PDF alike). */
export interface CapabilityItem {
  certificateId: string;
  holderName: string;
  number: string;
  verifyCode: string;
  schemeName: string;
  /** The scheme's English name, '' when none is recorded (shown as the Indonesian name, marked). */
  schemeNameEn: string;
  kkniLevel: number;
  issuingBody: string;
  trade: string;
  process: string | null;
  issueDate: string;
  validUntil: string | null;
  status: CertificateStatus;
}
export interface CapabilityRow extends CapabilityItem { verifyUrl: string }
export interface CapabilityScheme { name: string; nameEn: string; kkniLevel: number; issuingBody: string; rows: CapabilityRow[] }
/** Certificates grouped by welding process (SMAW, GMAW…) or, for other schemes, by trade. */
export interface CapabilityGroup { process: string | null; trade: string; schemes: CapabilityScheme[]; holders: number }
/** Certified workers per process (or trade) and KKNI level: "3 certified SMAW welders at KKNI 2". */
export interface CapabilityTotal { process: string | null; trade: string; kkniLevel: number; holders: number }

/** Process groups first (by name), then trade groups; schemes by name; holders by name. */
export function groupItems(items: readonly CapabilityItem[], urlOf: (verifyCode: string) => string): CapabilityGroup[] {
  const groups = new Map<string, CapabilityGroup>();
  for (const it of items) {
    const key = it.process ?? `trade:${it.trade}`;
    const group = groups.get(key) ?? { process: it.process, trade: it.trade, schemes: [], holders: 0 };
    let scheme = group.schemes.find((s) => s.name === it.schemeName);
    if (!scheme) group.schemes.push((scheme = { name: it.schemeName, nameEn: it.schemeNameEn, kkniLevel: it.kkniLevel, issuingBody: it.issuingBody, rows: [] }));
    scheme.rows.push({ ...it, verifyUrl: urlOf(it.verifyCode) });
    groups.set(key, group);
  }
  const isTrade = (k: string) => k.startsWith('trade:');
  const sorted = [...groups.entries()].sort(([a], [b]) => (isTrade(a) === isTrade(b) ? a.localeCompare(b) : isTrade(a) ? 1 : -1)).map(([, g]) => g);
  for (const g of sorted) {
    g.schemes.sort((a, b) => a.name.localeCompare(b.name, 'id'));
    for (const s of g.schemes) s.rows.sort((a, b) => a.holderName.localeCompare(b.holderName, 'id'));
    g.holders = new Set(g.schemes.flatMap((s) => s.rows.map((r) => r.holderName))).size;
  }
  return sorted;
}

/**
 * Distinct certified holders per process (else trade) and KKNI level, in the groups' order, lower
 * levels first. A worker holding two SMAW certificates at level 2 counts once there; one holding
 * SMAW and GMAW counts under each process (they are two capabilities).
 */
export function totalsOf(groups: readonly CapabilityGroup[]): CapabilityTotal[] {
  const out: CapabilityTotal[] = [];
  for (const g of groups) {
    const byLevel = new Map<number, Set<string>>();
    for (const s of g.schemes) for (const r of s.rows) byLevel.set(s.kkniLevel, (byLevel.get(s.kkniLevel) ?? new Set()).add(r.holderName));
    for (const [kkniLevel, holders] of [...byLevel.entries()].sort(([a], [b]) => a - b)) out.push({ process: g.process, trade: g.trade, kkniLevel, holders: holders.size });
  }
  return out;
}

/**
 * Whether a URL points at this machine (localhost, *.localhost, 127.0.0.0/8, ::1, 0.0.0.0): QR codes
 * printed with such an address open nothing on a buyer's phone. An unparsable URL counts as local.
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return true;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || host === '0.0.0.0' || host === '';
}
