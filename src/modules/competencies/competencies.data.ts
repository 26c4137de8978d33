import type { Trade } from '../catalogue';

/*
 * Demo data for the competencies module.
 *
 * ELEMENTS: elements of competency and performance criteria (KUK) for the real SKKNI units of
 * DOMAIN.md. They are PARAPHRASED — plausible wording in the style of SKKNI, written for the demo,
 * not copied from the Kepmenaker decrees — and are a subset of each unit's elements.
 *
 * PROFILES: job profiles for the positions the workers' demo data uses (synthetic: what a
 * workshop at LIK Takaru might require, not an official standard). `coreScheme` names the
 * certification scheme that counts as "certified" for the position: EXACTLY the name of a demo
 * scheme (certificates.demo-data.ts DEMO_SCHEMES; the reports match names case- and
 * punctuation-insensitively but otherwise exactly; test/unit/reports-demo-data.test.ts checks it).
 * `formerCoreScheme`: the short name seeded before; the seed replaces it on profiles still holding it.
 */

/** [Indonesian, English] */
type Pair = readonly [string, string];
export interface DemoElement {
  title: Pair;
  kuk: readonly Pair[];
}

export const DEMO_ELEMENTS: Record<string, readonly DemoElement[]> = {
  'C.28LOG20.003.2': [
    { title: ['Mengidentifikasi bahaya dan risiko di tempat kerja', 'Identify hazards and risks in the workplace'], kuk: [
      ['Bahaya di area kerja diidentifikasi sesuai prosedur K3 perusahaan', 'Hazards in the work area are identified following the company safety procedure'],
      ['Risiko dinilai dan dilaporkan kepada atasan', 'Risks are assessed and reported to the supervisor'],
    ] },
    { title: ['Menggunakan alat pelindung diri (APD)', 'Use personal protective equipment (PPE)'], kuk: [
      ['APD dipilih sesuai jenis pekerjaan', 'PPE is chosen to suit the task'],
      ['APD diperiksa dan dipakai dengan benar', 'PPE is checked and worn correctly'],
    ] },
    { title: ['Menanggapi keadaan darurat', 'Respond to emergencies'], kuk: [
      ['Prosedur darurat dan jalur evakuasi dipahami', 'Emergency procedures and escape routes are understood'],
      ['Kecelakaan dan kejadian nyaris celaka dilaporkan', 'Accidents and near misses are reported'],
    ] },
  ],
  'C.28LOG15.002.2': [
    { title: ['Memahami standar mutu pekerjaan', 'Understand the quality standards of the work'], kuk: [
      ['Spesifikasi mutu produk dibaca dari dokumen kerja', 'Product quality specifications are read from the work documents'],
      ['Titik pemeriksaan mutu dalam proses dikenali', 'Quality checkpoints in the process are recognised'],
    ] },
    { title: ['Memeriksa mutu hasil kerja', 'Check the quality of the work'], kuk: [
      ['Hasil kerja diperiksa terhadap spesifikasi', 'Work is checked against the specification'],
      ['Ketidaksesuaian dicatat dan dilaporkan sesuai prosedur', 'Nonconformities are recorded and reported following the procedure'],
    ] },
  ],
  'C.28LOG12.008.2': [
    { title: ['Memilih alat ukur', 'Select measuring instruments'], kuk: [
      ['Alat ukur dipilih sesuai ukuran dan toleransi yang diukur', 'Instruments are chosen for the dimension and tolerance measured'],
      ['Kondisi dan tanda kalibrasi alat ukur diperiksa', 'The condition and calibration mark of the instrument are checked'],
    ] },
    { title: ['Melakukan pengukuran', 'Take measurements'], kuk: [
      ['Pengukuran dilakukan dengan teknik yang benar', 'Measurements are taken with the correct technique'],
      ['Hasil pengukuran dibaca dan dicatat dengan teliti', 'Readings are taken and recorded accurately'],
    ] },
    { title: ['Merawat alat ukur', 'Look after measuring instruments'], kuk: [
      ['Alat ukur dibersihkan dan disimpan sesuai prosedur', 'Instruments are cleaned and stored following the procedure'],
    ] },
  ],
  'C.28LOG09.002.2': [
    { title: ['Membaca gambar kerja', 'Read working drawings'], kuk: [
      ['Jenis proyeksi dan pandangan gambar dikenali', 'The projection and views of the drawing are recognised'],
      ['Ukuran dan toleransi dibaca dengan benar', 'Dimensions and tolerances are read correctly'],
    ] },
    { title: ['Menafsirkan simbol pada gambar', 'Interpret symbols on the drawing'], kuk: [
      ['Simbol pengerjaan dan kekasaran permukaan dipahami', 'Machining and surface roughness symbols are understood'],
      ['Simbol las dibaca sesuai standar', 'Welding symbols are read to the standard'],
    ] },
  ],
  'C.28LOG18.001.2': [
    { title: ['Memilih perkakas tangan', 'Select hand tools'], kuk: [
      ['Perkakas dipilih sesuai pekerjaan', 'Tools are chosen to suit the job'],
      ['Kondisi perkakas diperiksa sebelum dipakai', 'Tools are checked before use'],
    ] },
    { title: ['Menggunakan perkakas tangan dengan aman', 'Use hand tools safely'], kuk: [
      ['Perkakas digunakan sesuai fungsinya dan prosedur K3', 'Tools are used for their purpose and following safety procedures'],
    ] },
    { title: ['Merawat perkakas tangan', 'Maintain hand tools'], kuk: [
      ['Perkakas dibersihkan dan disimpan di tempatnya', 'Tools are cleaned and returned to their place'],
    ] },
  ],
  'C.28LOG07.005.2': [
    { title: ['Menyiapkan pekerjaan bubut', 'Prepare turning work'], kuk: [
      ['Gambar kerja dan urutan pengerjaan dipahami', 'The drawing and the sequence of operations are understood'],
      ['Benda kerja dan pahat dipasang dengan benar', 'Workpiece and tool are mounted correctly'],
    ] },
    { title: ['Mengoperasikan mesin bubut', 'Operate the lathe'], kuk: [
      ['Kecepatan putar dan pemakanan diatur sesuai bahan', 'Spindle speed and feed are set for the material'],
      ['Pembubutan rata, bertingkat dan chamfer dilakukan', 'Facing, step turning and chamfering are carried out'],
    ] },
    { title: ['Memeriksa hasil bubutan', 'Check the turned part'], kuk: [
      ['Ukuran diperiksa sesuai toleransi gambar', 'Dimensions are checked against the drawing tolerances'],
    ] },
  ],
  'C.24LAS01.029.1': [
    { title: ['Menyiapkan pengelasan sesuai WPS', 'Prepare the weld to the WPS'], kuk: [
      ['WPS dibaca dan parameter las dipahami', 'The WPS is read and its welding parameters understood'],
      ['Kampuh disiapkan dan dibersihkan sesuai WPS', 'The groove is prepared and cleaned to the WPS'],
      ['Mesin las dan bahan tambah disiapkan sesuai WPS', 'Welding machine and filler metal are set up to the WPS'],
    ] },
    { title: ['Membuat sambungan las kampuh', 'Make the groove weld'], kuk: [
      ['Las akar, pengisi dan penutup dibuat pada posisi yang ditetapkan WPS', 'Root, fill and cap passes are made in the position the WPS specifies'],
      ['Suhu antar-lapis dan pembersihan terak dikendalikan', 'Interpass temperature and slag removal are controlled'],
    ] },
    { title: ['Memeriksa hasil las', 'Inspect the weld'], kuk: [
      ['Cacat las visual diperiksa dan dilaporkan', 'Visible weld defects are inspected and reported'],
      ['Benda uji disiapkan untuk pengujian bila diminta', 'Test coupons are prepared for testing when required'],
    ] },
  ],
};

export interface DemoProfile {
  position: string;
  title: Pair;
  trade: Trade;
  /** [unit code, level required] */
  requires: readonly (readonly [string, number])[];
  coreScheme?: string;
  formerCoreScheme?: string;
}

const K3 = 'C.28LOG20.003.2';
const MUTU = 'C.28LOG15.002.2';
const UKUR = 'C.28LOG12.008.2';
const GAMBAR = 'C.28LOG09.002.2';
const PERKAKAS = 'C.28LOG18.001.2';
const BUBUT = 'C.28LOG07.005.2';
const LAS = 'C.24LAS01.029.1';
const BOR = 'LOG.OO07.013.00';

export const DEMO_PROFILES: readonly DemoProfile[] = [
  { position: 'Juru las SMAW 3G', title: ['Juru Las SMAW Posisi 3G', 'SMAW welder, 3G position'], trade: 'welding',
    requires: [[LAS, 3], [K3, 3], [GAMBAR, 2], [UKUR, 2]], coreScheme: 'Juru Las SMAW Pelat Posisi 3G', formerCoreScheme: 'Juru Las SMAW 3G' },
  { position: 'Juru las SMAW 2G', title: ['Juru Las SMAW Posisi 2G', 'SMAW welder, 2G position'], trade: 'welding',
    requires: [[LAS, 3], [K3, 3], [GAMBAR, 2]], coreScheme: 'Juru Las SMAW Pelat Posisi 2G', formerCoreScheme: 'Juru Las SMAW 2G' },
  { position: 'Juru las GMAW', title: ['Juru Las GMAW', 'GMAW welder'], trade: 'welding',
    requires: [[LAS, 3], [K3, 3], [GAMBAR, 2], [UKUR, 2]], coreScheme: 'Juru Las GMAW Pelat (ISO 9606-1)', formerCoreScheme: 'Juru Las GMAW' },
  { position: 'Juru las GTAW', title: ['Juru Las GTAW', 'GTAW welder'], trade: 'welding',
    requires: [[LAS, 4], [K3, 3], [GAMBAR, 3], [UKUR, 2]], coreScheme: 'Juru Las GTAW Pipa (ISO 9606-1, pabrik ISO 3834-2)', formerCoreScheme: 'Juru Las GTAW' },
  { position: 'Helper las', title: ['Pembantu Juru Las', 'Welder\'s helper'], trade: 'welding',
    requires: [[K3, 2], [LAS, 1], [PERKAKAS, 2]] },
  { position: 'Operator bubut', title: ['Operator Mesin Bubut', 'Lathe operator'], trade: 'machining',
    requires: [[BUBUT, 3], [UKUR, 3], [GAMBAR, 3], [K3, 2], [BOR, 2]], coreScheme: 'Operator Mesin Bubut Dasar', formerCoreScheme: 'Operator Mesin Bubut' },
  { position: 'Operator frais', title: ['Operator Mesin Frais', 'Milling machine operator'], trade: 'machining',
    requires: [['C.28LOG07.014.2', 3], [UKUR, 3], [GAMBAR, 3], [K3, 2]], coreScheme: 'Operator Mesin Frais Dasar', formerCoreScheme: 'Operator Mesin Frais' },
  { position: 'Operator CNC', title: ['Operator Mesin Bubut CNC', 'CNC lathe operator'], trade: 'machining',
    requires: [['C.28LOG07.031.2', 3], ['C.28LOG07.032.2', 2], [UKUR, 3], [GAMBAR, 3], [K3, 2]], coreScheme: 'Operator Mesin Bubut CNC Dasar', formerCoreScheme: 'Operator Mesin Bubut CNC' },
  { position: 'Operator bor', title: ['Operator Mesin Bor', 'Drilling machine operator'], trade: 'machining',
    requires: [[BOR, 3], [UKUR, 2], [K3, 2]] },
  { position: 'Tukang cor', title: ['Tukang Cor Logam', 'Metal caster'], trade: 'casting',
    requires: [['C.28LOG04.015.2', 3], ['C.28LOG04.007.2', 2], [K3, 3]] },
  { position: 'Pembuat cetakan pasir', title: ['Pembuat Cetakan Pasir', 'Sand mould maker'], trade: 'casting',
    requires: [['C.28LOG04.007.2', 3], ['LOG.OO04.010.01', 2], [K3, 2]] },
  { position: 'Operator tanur', title: ['Operator Tanur Peleburan', 'Melting furnace operator'], trade: 'casting',
    requires: [['C.28LOG04.015.2', 3], ['LOG.OO04.003.01', 2], [K3, 3]] },
  { position: 'Operator tekuk plat', title: ['Operator Mesin Tekuk Pelat', 'Press brake operator'], trade: 'sheet_metal',
    requires: [['C.28LOG11.009.2', 3], ['C.28LOG11.006.2', 2], [UKUR, 2], [K3, 2]] },
  { position: 'Operator potong plat', title: ['Operator Mesin Potong Pelat', 'Shearing machine operator'], trade: 'sheet_metal',
    requires: [['C.28LOG11.006.2', 3], [UKUR, 2], [K3, 2]] },
  { position: 'Tukang plat', title: ['Tukang Pelat', 'Sheet metal worker'], trade: 'sheet_metal',
    requires: [['C.28LOG11.009.2', 2], ['C.28LOG11.006.2', 2], [PERKAKAS, 3], [GAMBAR, 2], [K3, 2]] },
  { position: 'Inspektur QC', title: ['Inspektur Kontrol Mutu', 'Quality control inspector'], trade: 'qc',
    requires: [[UKUR, 4], [MUTU, 3], [GAMBAR, 3], ['C.29OTO05.011.1', 3], [K3, 2]], coreScheme: 'Pemeriksa Mutu Dimensi Komponen', formerCoreScheme: 'Inspektur Dimensi Komponen' },
  { position: 'Staf QC', title: ['Staf Kontrol Mutu', 'Quality control staff'], trade: 'qc',
    requires: [[UKUR, 3], [MUTU, 2], [K3, 2]] },
  { position: 'Perakit', title: ['Perakit Komponen', 'Component assembler'], trade: 'assembly',
    requires: [['C.29OTO03.004.1', 3], [PERKAKAS, 3], [K3, 2]] },
  { position: 'Kepala regu perakitan', title: ['Kepala Regu Perakitan', 'Assembly team leader'], trade: 'assembly',
    requires: [['C.29OTO03.004.1', 4], [PERKAKAS, 3], [MUTU, 3], [K3, 3]] },
  { position: 'Petugas K3', title: ['Petugas K3 Bengkel', 'Workshop safety officer'], trade: 'safety',
    requires: [[K3, 4], [MUTU, 2]], coreScheme: 'Penerapan K3 di Bengkel Logam', formerCoreScheme: 'Petugas K3 Umum' },
];

/** Short assessor notes, Indonesian, for a few demo assessments. */
export const DEMO_NOTES = [
  'Perlu latihan tambahan pada posisi vertikal.',
  'Rapi dan konsisten, siap kerja mandiri.',
  'Masih ragu membaca toleransi pada gambar.',
  'APD lengkap, prosedur diikuti dengan baik.',
  'Hasil ukur sudah teliti; pencatatan perlu dirapikan.',
  'Kemajuan baik dibanding penilaian awal.',
] as const;
