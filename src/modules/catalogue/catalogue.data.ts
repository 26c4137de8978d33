import type { ROOM_KINDS } from './room.model';
import type { Trade } from './trades';

/*
 * Demo data for the catalogue. Unit codes C.28LOG…, C.24LAS01.029.1 and the legacy LOG.OO… codes are
 * real SKKNI codes (see DOMAIN.md; the legacy titles are paraphrased); units marked `synthetic`
 * have invented codes for trades whose codes were not confirmed. Courses, instructors (people,
 * phone numbers, emails) and rooms are synthetic: plausible for LIK Takaru, not real.
 */

export interface DemoUnit {
  code: string;
  title: { id: string; en: string };
  trade: Trade;
  synthetic: boolean;
}

const real = (code: string, id: string, en: string, trade: Trade): DemoUnit => ({ code, title: { id, en }, trade, synthetic: false });
const synthetic = (code: string, id: string, en: string, trade: Trade): DemoUnit => ({ code, title: { id, en }, trade, synthetic: true });

export const DEMO_UNITS: DemoUnit[] = [
  real('C.28LOG20.003.2', 'Menerapkan Prinsip-prinsip K3 di Tempat Kerja', 'Apply occupational safety and health principles in the workplace', 'safety'),
  real('C.28LOG15.002.2', 'Menerapkan Prosedur Mutu', 'Apply quality procedures', 'qc'),
  real('C.28LOG12.008.2', 'Mengukur dengan Menggunakan Alat Ukur', 'Measure with measuring instruments', 'qc'),
  real('C.28LOG09.002.2', 'Membaca Gambar Teknik', 'Read technical drawings', 'machining'),
  real('C.28LOG18.001.2', 'Menggunakan Perkakas Tangan', 'Use hand tools', 'assembly'),
  real('C.28LOG07.005.2', 'Membubut Dasar', 'Basic turning', 'machining'),
  real(
    'C.24LAS01.029.1',
    'Membuat Sambungan Las Kampuh (Groove) Sesuai WPS untuk Pengelasan Pelat ke Pelat',
    'Make groove welds to a WPS, plate to plate',
    'welding',
  ),
  real('LOG.OO04.003.01', 'Mengoperasikan Mesin Cetak Tekan (Die Casting)', 'Operate a die-casting machine', 'casting'),
  real('LOG.OO04.010.01', 'Membuat Pola Kayu', 'Make wooden patterns', 'casting'),
  real('LOG.OO07.013.00', 'Mengoperasikan Mesin Bor', 'Operate a drilling machine', 'machining'),
  synthetic('C.28LOG07.014.2', 'Memfrais Dasar', 'Basic milling', 'machining'),
  synthetic('C.28LOG07.031.2', 'Mengoperasikan Mesin Bubut CNC', 'Operate a CNC lathe', 'machining'),
  synthetic('C.28LOG07.032.2', 'Membuat Program CNC Sederhana', 'Write simple CNC programs', 'machining'),
  synthetic('C.28LOG11.006.2', 'Memotong Pelat dengan Mesin Potong', 'Cut sheet metal with a shearing machine', 'sheet_metal'),
  synthetic('C.28LOG11.009.2', 'Menekuk Pelat dengan Mesin Tekuk', 'Bend sheet metal with a press brake', 'sheet_metal'),
  synthetic('C.28LOG04.007.2', 'Membuat Cetakan Pasir', 'Make sand moulds', 'casting'),
  synthetic('C.28LOG04.015.2', 'Menuang Logam Cair ke Cetakan', 'Pour molten metal into moulds', 'casting'),
  synthetic('C.29OTO03.004.1', 'Merakit Komponen Rem Kendaraan', 'Assemble vehicle brake components', 'assembly'),
  synthetic('C.29OTO05.011.1', 'Memeriksa Dimensi Komponen Otomotif', 'Inspect dimensions of automotive components', 'qc'),
];

export interface DemoCourse {
  code: string;
  title: { id: string; en: string };
  description: { id: string; en: string };
  trade: Trade;
  durationHours: number;
  /** [unit code, level aimed at] */
  units: [string, number][];
  /** Codes of courses listed earlier. */
  prerequisites: string[];
  defaultCapacity: number;
  minAttendancePct?: number;
  active?: boolean;
}

/** In dependency order: a course's prerequisites come before it. */
export const DEMO_COURSES: DemoCourse[] = [
  {
    code: 'K3-01', trade: 'safety', durationHours: 8, defaultCapacity: 20, minAttendancePct: 100,
    title: { id: 'K3 di Bengkel Logam', en: 'Safety in the Metal Workshop' },
    description: {
      id: 'Bahaya di bengkel las, bubut dan pengecoran; APD; 5R; tanggap darurat kebakaran dan luka bakar.',
      en: 'Hazards in welding, turning and casting shops; PPE; 5S; fire and burn emergency response.',
    },
    units: [['C.28LOG20.003.2', 3]], prerequisites: [],
  },
  {
    code: 'GBR-01', trade: 'machining', durationHours: 16, defaultCapacity: 16,
    title: { id: 'Membaca Gambar Teknik', en: 'Reading Technical Drawings' },
    description: {
      id: 'Proyeksi, ukuran, toleransi dan simbol las pada gambar kerja komponen.',
      en: 'Projections, dimensions, tolerances and welding symbols on component drawings.',
    },
    units: [['C.28LOG09.002.2', 2]], prerequisites: [],
  },
  {
    code: 'UKR-01', trade: 'qc', durationHours: 16, defaultCapacity: 12,
    title: { id: 'Pengukuran dengan Alat Ukur', en: 'Measuring with Measuring Instruments' },
    description: {
      id: 'Jangka sorong, mikrometer, dial indicator dan alat ukur ulir; mencatat hasil ukur.',
      en: 'Vernier callipers, micrometers, dial indicators and thread gauges; recording measurements.',
    },
    units: [['C.28LOG12.008.2', 3]], prerequisites: [],
  },
  {
    code: 'QC-01', trade: 'qc', durationHours: 12, defaultCapacity: 12,
    title: { id: 'Prosedur Mutu', en: 'Quality Procedures' },
    description: {
      id: 'Instruksi kerja, lembar periksa, penanganan produk tidak sesuai; dasar persiapan ISO 9001.',
      en: 'Work instructions, check sheets, handling nonconforming product; groundwork for ISO 9001.',
    },
    units: [['C.28LOG15.002.2', 3], ['C.29OTO05.011.1', 2]], prerequisites: ['UKR-01'],
  },
  {
    code: 'LAS-SMAW-01', trade: 'welding', durationHours: 40, defaultCapacity: 8,
    title: { id: 'Pengelasan SMAW Pelat 3G', en: 'SMAW Plate Welding 3G' },
    description: {
      id: 'Las busur manual posisi vertikal (3G) sambungan kampuh V pelat 10 mm sesuai WPS; kupon uji bending.',
      en: 'Manual arc welding in the vertical position (3G), V-groove on 10 mm plate to a WPS; bend test coupons.',
    },
    units: [['C.24LAS01.029.1', 2], ['C.28LOG20.003.2', 3]], prerequisites: ['K3-01', 'GBR-01'],
  },
  {
    code: 'LAS-GMAW-01', trade: 'welding', durationHours: 32, defaultCapacity: 6,
    title: { id: 'Pengelasan GMAW Pelat', en: 'GMAW Plate Welding' },
    description: {
      id: 'Las MIG/MAG sambungan kampuh pelat posisi 1G–2G sesuai WPS; pengaturan gas dan kawat.',
      en: 'MIG/MAG groove welds on plate in 1G–2G to a WPS; gas and wire settings.',
    },
    units: [['C.24LAS01.029.1', 3]], prerequisites: ['K3-01'],
  },
  {
    code: 'BUB-01', trade: 'machining', durationHours: 40, defaultCapacity: 4,
    title: { id: 'Membubut Dasar', en: 'Basic Turning' },
    description: {
      id: 'Bubut muka, rata, bertingkat, tirus dan ulir luar pada mesin bubut konvensional.',
      en: 'Facing, straight, stepped and taper turning and external threads on a conventional lathe.',
    },
    units: [['C.28LOG07.005.2', 2], ['C.28LOG12.008.2', 2], ['LOG.OO07.013.00', 2]], prerequisites: ['K3-01', 'GBR-01'],
  },
  {
    code: 'FRS-01', trade: 'machining', durationHours: 32, defaultCapacity: 4,
    title: { id: 'Frais Dasar', en: 'Basic Milling' },
    description: {
      id: 'Frais rata, alur dan roda gigi lurus sederhana. Unit kompetensi frais masih sintetis (kode belum dikonfirmasi).',
      en: 'Face and slot milling and simple spur gears. The milling unit is synthetic (code not confirmed).',
    },
    units: [['C.28LOG07.014.2', 2]], prerequisites: ['BUB-01'],
  },
  {
    code: 'CNC-01', trade: 'machining', durationHours: 40, defaultCapacity: 4,
    title: { id: 'Bubut CNC Dasar', en: 'Basic CNC Turning' },
    description: {
      id: 'Menyiapkan dan menjalankan mesin bubut CNC, program G-code sederhana, simulasi sebelum memotong.',
      en: 'Setting up and running a CNC lathe, simple G-code programs, simulating before cutting.',
    },
    units: [['C.28LOG07.031.2', 2], ['C.28LOG07.032.2', 1]], prerequisites: ['BUB-01'],
  },
  {
    code: 'COR-01', trade: 'casting', durationHours: 24, defaultCapacity: 10,
    title: { id: 'Pengecoran Logam', en: 'Metal Casting' },
    description: {
      id: 'Pola kayu, cetakan pasir, peleburan dan penuangan besi cor dan aluminium; cacat cor umum.',
      en: 'Wooden patterns, sand moulds, melting and pouring cast iron and aluminium; common casting defects.',
    },
    units: [['LOG.OO04.010.01', 1], ['C.28LOG04.007.2', 2], ['C.28LOG04.015.2', 1]], prerequisites: ['K3-01'],
  },
  {
    code: 'PLT-01', trade: 'sheet_metal', durationHours: 24, defaultCapacity: 10,
    title: { id: 'Tekuk & Potong Plat', en: 'Sheet Metal Bending & Cutting' },
    description: {
      id: 'Bentangan, pemotongan dengan mesin potong dan penekukan dengan mesin tekuk untuk panel dan bracket.',
      en: 'Flat patterns, shearing and press-brake bending for panels and brackets.',
    },
    units: [['C.28LOG11.006.2', 2], ['C.28LOG11.009.2', 2], ['C.28LOG18.001.2', 2]], prerequisites: ['K3-01'],
  },
  {
    code: 'KOT-01', trade: 'assembly', durationHours: 16, defaultCapacity: 12,
    title: { id: 'Perakitan Komponen Rem', en: 'Brake Component Assembly' },
    description: {
      id: 'Merakit dan memeriksa komponen rem untuk pemasok tier-2 otomotif; torsi, urutan rakit, pemeriksaan akhir.',
      en: 'Assembling and checking brake components for tier-2 automotive supply; torque, assembly order, final inspection.',
    },
    units: [['C.29OTO03.004.1', 2], ['C.28LOG18.001.2', 3]], prerequisites: ['K3-01', 'QC-01'],
  },
  {
    code: 'LAS-OAW-01', trade: 'welding', durationHours: 24, defaultCapacity: 8, active: false,
    title: { id: 'Las Oksi-Asetilen', en: 'Oxy-Acetylene Welding' },
    description: {
      id: 'Diarsipkan: bengkel kini memakai GMAW untuk pekerjaan yang sama.',
      en: 'Archived: workshops now use GMAW for the same work.',
    },
    units: [['C.24LAS01.029.1', 1]], prerequisites: ['K3-01'],
  },
];

export interface DemoInstructor {
  name: string;
  kind: 'internal' | 'external';
  organisation: string;
  phone: string;
  email?: string;
  trades: Trade[];
  active?: boolean;
  /** Email of the login account to link (the demo instructor). */
  account?: string;
}

export const DEMO_INSTRUCTORS: DemoInstructor[] = [
  { name: 'Sugeng Widodo', kind: 'internal', organisation: 'CV. Mitra Las Kramat', phone: '+6281225000003', email: 'instruktur@takaru.test', trades: ['welding', 'safety'], account: 'instruktur@takaru.test' },
  { name: 'Darmaji', kind: 'internal', organisation: 'PT. Presisi Teknik Pantura', phone: '+6281326114207', trades: ['machining', 'qc'] },
  { name: 'Suparno', kind: 'internal', organisation: 'UD. Cor Logam Talang', phone: '+6285742218830', trades: ['casting'] },
  { name: 'Wagiman', kind: 'internal', organisation: 'CV. Anugrah Plat Cempaka', phone: '+6281901447512', trades: ['sheet_metal', 'assembly'] },
  { name: 'Tri Handayani', kind: 'internal', organisation: 'PT. Tegal Komponen Otomotif', phone: '+6282137705164', trades: ['qc', 'assembly'] },
  { name: 'Bambang Irawan', kind: 'internal', organisation: 'CV. Sinar Baja Tegal', phone: '+6281542090376', trades: ['welding'], active: false },
  { name: 'Haryanto, S.Pd.', kind: 'external', organisation: 'BLK Kabupaten Tegal', phone: '+6281327551620', email: 'haryanto@blk-tegal.test', trades: ['welding'] },
  { name: 'Nur Kholis, S.T.', kind: 'external', organisation: 'BLK Kabupaten Tegal', phone: '+6285640318295', email: 'nurkholis@blk-tegal.test', trades: ['machining'] },
  { name: 'Agus Salim', kind: 'external', organisation: 'BLK Kabupaten Tegal', phone: '+6281228864731', trades: ['safety', 'welding'] },
  { name: 'Rizky Pratama, M.T.', kind: 'external', organisation: 'Politeknik Harapan Bersama', phone: '+6287830126649', email: 'rizky.pratama@poltek-hb.test', trades: ['machining'] },
  { name: 'Ir. Endang Susanti, M.T.', kind: 'external', organisation: 'Politeknik Harapan Bersama', phone: '+6281391573028', email: 'endang.susanti@poltek-hb.test', trades: ['casting', 'qc'] },
];

/**
 * Capacities are trainees at once: a machine station takes up to 4 trainees taking turns with one
 * instructor, so the machining courses default to 4 and each course fits a room of its trade.
 */
export interface DemoRoom {
  name: string;
  kind: (typeof ROOM_KINDS)[number];
  capacity: number;
  location: string;
}

const TRAINING = 'Gedung Pelatihan LIK Takaru';
const SHARED = 'Bengkel bersama LIK Takaru, Blok E';

export const DEMO_ROOMS: DemoRoom[] = [
  { name: 'Ruang Teori 1', kind: 'classroom', capacity: 24, location: `${TRAINING}, lantai 2` },
  { name: 'Ruang Teori 2', kind: 'classroom', capacity: 16, location: `${TRAINING}, lantai 2` },
  { name: 'Bengkel Las 1', kind: 'workshop_bay', capacity: 8, location: `${TRAINING}, lantai 1` },
  { name: 'Bengkel Las 2', kind: 'workshop_bay', capacity: 6, location: `${TRAINING}, lantai 1` },
  { name: 'Mesin Bubut 1', kind: 'machine', capacity: 4, location: SHARED },
  { name: 'Mesin Bubut 2', kind: 'machine', capacity: 4, location: SHARED },
  { name: 'Mesin Bubut 3', kind: 'machine', capacity: 4, location: SHARED },
  { name: 'Mesin Bubut 4', kind: 'machine', capacity: 4, location: SHARED },
  { name: 'Mesin Frais 1', kind: 'machine', capacity: 4, location: SHARED },
  { name: 'Mesin Bubut CNC 1', kind: 'machine', capacity: 4, location: `${TRAINING}, lantai 1` },
  { name: 'Area Pengecoran', kind: 'workshop_bay', capacity: 10, location: 'UD. Cor Logam Talang, Blok B-09 (dipinjam)' },
  { name: 'Bengkel Plat', kind: 'workshop_bay', capacity: 10, location: SHARED },
];
