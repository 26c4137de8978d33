import type { Trade } from '../catalogue';
import type { WeldingProcess } from '../continuity';
import type { IssuerKind } from './scheme.model';
import type { ValidityRule } from './validity';

/*
 * Synthetic demo data: the schemes, issuing bodies, test sites (TUK), assessors (names and
 * registration numbers), certificates and continuity log entries below are invented for the demo,
 * plausible for LIK Takaru but not real. Unit codes are the catalogue's (real SKKNI codes where
 * DOMAIN.md confirms them). Dates are relative to the day the seed runs.
 */

export const SYNTHETIC_NOTE = 'Data contoh (sintetis) untuk demo.';

export interface DemoScheme {
  key: string;
  name: string;
  /** The English name, for the English half of PDFs and capability statements. */
  nameEn: string;
  kkniLevel: number;
  issuingBody: { kind: IssuerKind; name: string };
  trade: Trade;
  units: string[];
  validity: ValidityRule;
}

export const DEMO_SCHEMES: DemoScheme[] = [
  {
    key: 'smaw', name: 'Juru Las SMAW Pelat Posisi 3G', nameEn: 'SMAW Plate Welder, 3G Position', kkniLevel: 2, trade: 'welding',
    issuingBody: { kind: 'lsp', name: 'LSP Teknik Las Pantura' },
    units: ['C.24LAS01.029.1', 'C.28LOG20.003.2'], validity: { kind: 'continuity', process: 'SMAW' },
  },
  {
    key: 'smaw2g', name: 'Juru Las SMAW Pelat Posisi 2G', nameEn: 'SMAW Plate Welder, 2G Position', kkniLevel: 2, trade: 'welding',
    issuingBody: { kind: 'lsp', name: 'LSP Teknik Las Pantura' },
    units: ['C.24LAS01.029.1', 'C.28LOG20.003.2'], validity: { kind: 'continuity', process: 'SMAW' },
  },
  {
    key: 'gmaw', name: 'Juru Las GMAW Pelat (ISO 9606-1)', nameEn: 'GMAW Plate Welder (ISO 9606-1)', kkniLevel: 2, trade: 'welding',
    issuingBody: { kind: 'external', name: 'Lembaga Inspeksi Las Jawa Tengah' },
    units: ['C.24LAS01.029.1'], validity: { kind: 'periodic', process: 'GMAW' },
  },
  {
    key: 'gtaw', name: 'Juru Las GTAW Pipa (ISO 9606-1, pabrik ISO 3834-2)', nameEn: 'GTAW Pipe Welder (ISO 9606-1, ISO 3834-2 shop)', kkniLevel: 3, trade: 'welding',
    issuingBody: { kind: 'external', name: 'Lembaga Inspeksi Las Jawa Tengah' },
    units: ['C.24LAS01.029.1'], validity: { kind: 'indefinite' },
  },
  {
    key: 'bubut', name: 'Operator Mesin Bubut Dasar', nameEn: 'Basic Lathe Operator', kkniLevel: 2, trade: 'machining',
    issuingBody: { kind: 'lsp', name: 'LSP Logam dan Mesin Tegal' },
    units: ['C.28LOG07.005.2', 'C.28LOG09.002.2', 'C.28LOG12.008.2'], validity: { kind: 'fixed_term', years: 3 },
  },
  {
    key: 'frais', name: 'Operator Mesin Frais Dasar', nameEn: 'Basic Milling Machine Operator', kkniLevel: 2, trade: 'machining',
    issuingBody: { kind: 'lsp', name: 'LSP Logam dan Mesin Tegal' },
    units: ['C.28LOG07.014.2', 'C.28LOG09.002.2', 'C.28LOG12.008.2'], validity: { kind: 'fixed_term', years: 3 },
  },
  {
    key: 'cnc', name: 'Operator Mesin Bubut CNC Dasar', nameEn: 'Basic CNC Lathe Operator', kkniLevel: 3, trade: 'machining',
    issuingBody: { kind: 'lsp', name: 'LSP Logam dan Mesin Tegal' },
    units: ['C.28LOG07.031.2', 'C.28LOG07.032.2', 'C.28LOG12.008.2'], validity: { kind: 'fixed_term', years: 3 },
  },
  {
    key: 'k3', name: 'Penerapan K3 di Bengkel Logam', nameEn: 'Occupational Safety in the Metal Workshop', kkniLevel: 2, trade: 'safety',
    issuingBody: { kind: 'internal', name: 'UPT Pelatihan LIK Takaru' },
    units: ['C.28LOG20.003.2'], validity: { kind: 'fixed_term', years: 3 },
  },
  {
    key: 'mutu', name: 'Pemeriksa Mutu Dimensi Komponen', nameEn: 'Component Dimensional Quality Inspector', kkniLevel: 3, trade: 'qc',
    issuingBody: { kind: 'lsp', name: 'LSP Logam dan Mesin Tegal' },
    units: ['C.28LOG15.002.2', 'C.28LOG12.008.2'], validity: { kind: 'fixed_term', years: 3 },
  },
];

/** How long ago, in calendar months then days (negative days: after that many months ago). */
export interface Ago {
  months: number;
  days: number;
}
const ago = (months: number, days = 0): Ago => ({ months, days });

export type Pool = 'welding' | 'machining' | 'qc';
/**
 * Who holds a demo certificate: the demo worker; the `index`-th of a trade's active workers (shuffled,
 * any workshop); or the `index`-th active worker of a workshop (by name, without legal form) in a
 * position (by phone), the demo worker left out — so the demo manager's workshop has certified workers.
 */
export type Holder = 'demo' | { pool: Pool; index: number } | { workshop: string; position: string; index: number };

export interface DemoEvidence {
  process: WeldingProcess;
  kind: 'use' | 'test_weld';
  at: Ago;
}

export interface DemoCertificate {
  /** Natural key: the demo certificate's verification code is derived from it. */
  key: string;
  holder: Holder;
  scheme: string;
  issued: Ago;
  source: 'assessment' | 'history' | 'renewal';
  renews?: string;
  evidence?: DemoEvidence[];
  revoked?: { at: Ago; reason: string };
  originalNumber?: string;
}

const uses = (process: WeldingProcess, ...at: Ago[]): DemoEvidence[] => at.map((a) => ({ process, kind: 'use', at: a }));
const welds = (process: WeldingProcess, ...at: Ago[]): DemoEvidence[] => at.map((a) => ({ process, kind: 'test_weld', at: a }));

/** Certificates in every state; `demo` is Ahmad Nurhadi (pekerja@takaru.test). */
export const DEMO_CERTIFICATES: DemoCertificate[] = [
  // Ahmad Nurhadi: valid SMAW (continuity), a K3 renewal chain, an expiring QC certificate, GMAW periodic met.
  {
    key: 'ahmad-smaw', holder: 'demo', scheme: 'smaw', issued: ago(20), source: 'assessment',
    evidence: uses('SMAW', ago(18), ago(14), ago(10), ago(6), ago(3), ago(1, 5), ago(0, 12)),
  },
  { key: 'ahmad-k3-old', holder: 'demo', scheme: 'k3', issued: ago(36, 40), source: 'assessment' },
  { key: 'ahmad-k3-new', holder: 'demo', scheme: 'k3', issued: ago(1, 20), source: 'renewal', renews: 'ahmad-k3-old' },
  { key: 'ahmad-mutu', holder: 'demo', scheme: 'mutu', issued: ago(36, -21), source: 'assessment' },
  {
    key: 'ahmad-gmaw', holder: 'demo', scheme: 'gmaw', issued: ago(25), source: 'assessment',
    evidence: [...welds('GMAW', ago(4), ago(2, 10)), ...uses('GMAW', ago(0, 20))],
  },
  // Other welders.
  {
    key: 'weld-lapsed', holder: { pool: 'welding', index: 0 }, scheme: 'smaw', issued: ago(18), source: 'assessment',
    evidence: uses('SMAW', ago(14), ago(11), ago(8, 3)),
  },
  { key: 'weld-valid', holder: { pool: 'welding', index: 1 }, scheme: 'smaw', issued: ago(10), source: 'assessment', evidence: uses('SMAW', ago(6), ago(3), ago(1, 10), ago(0, 5)) },
  { key: 'weld-expiring', holder: { pool: 'welding', index: 2 }, scheme: 'smaw', issued: ago(12), source: 'assessment', evidence: uses('SMAW', ago(7), ago(5, 10)) },
  { key: 'weld-periodic-expired', holder: { pool: 'welding', index: 3 }, scheme: 'gmaw', issued: ago(27), source: 'assessment', evidence: uses('GMAW', ago(2)) },
  {
    key: 'weld-revoked', holder: { pool: 'welding', index: 4 }, scheme: 'smaw', issued: ago(8), source: 'assessment',
    evidence: uses('SMAW', ago(2), ago(0, 9)),
    revoked: { at: ago(0, 30), reason: 'Dicabut atas permintaan LSP: uji radiografi ulang pada proyek JOB-2026-031 tidak memenuhi syarat.' },
  },
  { key: 'weld-gtaw', holder: { pool: 'welding', index: 5 }, scheme: 'gtaw', issued: ago(48), source: 'assessment', evidence: uses('GTAW', ago(1)) },
  // Machining and quality control.
  { key: 'bubut-valid', holder: { pool: 'machining', index: 0 }, scheme: 'bubut', issued: ago(12), source: 'assessment' },
  { key: 'bubut-expired', holder: { pool: 'machining', index: 1 }, scheme: 'bubut', issued: ago(41), source: 'assessment' },
  { key: 'bubut-expiring', holder: { pool: 'machining', index: 2 }, scheme: 'bubut', issued: ago(36, -12), source: 'assessment' },
  { key: 'mutu-history', holder: { pool: 'qc', index: 0 }, scheme: 'mutu', issued: ago(24), source: 'history', originalNumber: 'LSP-LMT/QC/2024/0456' },
  // The demo manager's workshop (Logam Jaya Takaru): core schemes of their positions, valid now.
  {
    key: 'ljt-smaw3g', holder: { workshop: 'Logam Jaya Takaru', position: 'Juru las SMAW 3G', index: 0 }, scheme: 'smaw', issued: ago(9), source: 'assessment',
    evidence: uses('SMAW', ago(5), ago(2), ago(0, 15)),
  },
  {
    key: 'ljt-smaw2g', holder: { workshop: 'Logam Jaya Takaru', position: 'Juru las SMAW 2G', index: 0 }, scheme: 'smaw2g', issued: ago(14), source: 'assessment',
    evidence: uses('SMAW', ago(10), ago(6), ago(3), ago(0, 25)),
  },
  { key: 'ljt-bubut', holder: { workshop: 'Logam Jaya Takaru', position: 'Operator bubut', index: 0 }, scheme: 'bubut', issued: ago(8), source: 'assessment' },
];

/** Assessments without a certificate: one all K waiting to be issued, one with a BK. */
export const DEMO_OPEN_ASSESSMENTS: { holder: Holder; scheme: string; at: Ago; bk: boolean }[] = [
  { holder: { pool: 'welding', index: 6 }, scheme: 'smaw', at: ago(0, 3), bk: false },
  { holder: { pool: 'welding', index: 7 }, scheme: 'smaw', at: ago(0, 20), bk: true },
];

export const DEMO_TUKS = ['TUK Sewaktu Bengkel Las LIK Takaru', 'TUK Tempat Kerja CV. Logam Jaya Takaru', 'TUK Mandiri BLK Kabupaten Tegal'];
export const DEMO_ASSESSORS = [
  { name: 'Sutrisno Hadiwijaya', registration: 'MET.000.012345 2019' },
  { name: 'Endang Susilowati', registration: 'MET.000.034567 2021' },
  { name: 'Bambang Wibisono', registration: 'MET.000.056789 2018' },
];
export const DEMO_SUPERVISORS = ['Darsono (kepala bengkel las)', 'Kasmuri (mandor produksi)'];
