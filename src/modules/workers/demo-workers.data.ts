import type { Trade } from '../catalogue/trades';

/**
 * Synthetic demo data: Javanese and Indonesian names as they are common around Tegal, job titles of
 * LIK Takaru's metal workshops. Not real people.
 */
export const MALE_NAMES = [
  'Ahmad', 'Budi', 'Slamet', 'Sugeng', 'Joko', 'Bambang', 'Agus', 'Eko', 'Teguh', 'Wahyu', 'Dwi', 'Tri', 'Hadi', 'Rudi',
  'Suparman', 'Warsito', 'Darmaji', 'Kasnadi', 'Rohmat', 'Khoirul', 'Fajar', 'Arif', 'Rizki', 'Imam', 'Yusuf', 'Dedi',
  'Heri', 'Iwan', 'Sigit', 'Bayu', 'Andi', 'Wawan', 'Kusnadi', 'Mulyono', 'Taufik', 'Yanto', 'Gunawan', 'Nur', 'Aris',
  'Danang', 'Edi', 'Feri', 'Hendro', 'Ilham', 'Jumadi', 'Karyono', 'Lukman', 'Maryono', 'Nanang', 'Priyo', 'Sarwono',
  'Tofik', 'Untung', 'Waluyo', 'Yudi', 'Zaenal', 'Abdul', 'Mujiono', 'Solikhin', 'Kholid',
] as const;
export const FEMALE_NAMES = ['Siti', 'Sri', 'Dewi', 'Wati', 'Rina', 'Endang', 'Yuli', 'Ani', 'Puji', 'Fitri', 'Umi', 'Nining', 'Tuti', 'Rohmah'] as const;
export const FAMILY_NAMES = [
  'Santoso', 'Wibowo', 'Prasetyo', 'Hidayat', 'Saputra', 'Nugroho', 'Susanto', 'Setiawan', 'Kurniawan', 'Purnomo',
  'Wijaya', 'Hartono', 'Riyadi', 'Sulistyo', 'Mustofa', 'Maulana', 'Firmansyah', 'Ramadhan', 'Suryadi', 'Gunadi',
  'Wahyudi', 'Budiman', 'Pratama', 'Utomo', 'Haryanto', 'Syahputra', 'Fauzi', 'Rahman', 'Hakim', 'Sholeh',
] as const;
export const FEMALE_FAMILY_NAMES = ['Lestari', 'Rahayu', 'Wulandari', 'Rahmawati', 'Handayani', 'Susilowati', 'Aminah', 'Kusumawati'] as const;
/** Many Javanese go by one name. */
export const SINGLE_NAMES = ['Tarmuji', 'Kasmuri', 'Darsono', 'Sutrisno', 'Warsono', 'Suwarno', 'Kamidi', 'Rasdi', 'Tasripin', 'Carmadi', 'Waryono', 'Sukirno'] as const;

/** Job titles per trade (with a weight of how common they are). */
export const POSITIONS: Record<Trade, readonly (readonly [string, number])[]> = {
  welding: [['Juru las SMAW 3G', 4], ['Juru las SMAW 2G', 3], ['Juru las GMAW', 3], ['Juru las GTAW', 1], ['Helper las', 2]],
  machining: [['Operator bubut', 5], ['Operator frais', 3], ['Operator CNC', 2], ['Operator bor', 1]],
  casting: [['Tukang cor', 4], ['Pembuat cetakan pasir', 2], ['Operator tanur', 1]],
  sheet_metal: [['Operator tekuk plat', 4], ['Operator potong plat', 2], ['Tukang plat', 2]],
  qc: [['Inspektur QC', 3], ['Staf QC', 1]],
  assembly: [['Perakit', 5], ['Kepala regu perakitan', 1]],
  safety: [['Petugas K3', 1]],
};

/** The trades each demo workshop mostly needs, weighted; workshops not listed get DEFAULT_PROFILE. */
export const WORKSHOP_PROFILES: Record<string, readonly (readonly [Trade, number])[]> = {
  'Logam Jaya Takaru': [['welding', 3], ['machining', 3], ['assembly', 2], ['qc', 1]],
  'Sinar Baja Tegal': [['welding', 4], ['sheet_metal', 3], ['assembly', 1]],
  'Karya Mandiri Dampyak': [['casting', 5], ['machining', 2], ['qc', 1]],
  'Presisi Teknik Pantura': [['machining', 6], ['qc', 2], ['assembly', 1]],
  'Mitra Las Kramat': [['welding', 6], ['sheet_metal', 1], ['safety', 1]],
  'Cor Logam Talang': [['casting', 5], ['machining', 1], ['qc', 1]],
  'Anugrah Plat Cempaka': [['sheet_metal', 5], ['welding', 2], ['assembly', 1]],
  'Tegal Komponen Otomotif': [['machining', 3], ['assembly', 3], ['qc', 2], ['welding', 1]],
  'Berkah Teknik Mandiri': [['machining', 5], ['welding', 2], ['qc', 1]],
  'Sumber Rejeki Logam': [['casting', 2], ['sheet_metal', 2], ['welding', 2], ['assembly', 1]],
  'Bina Karya Bubut': [['machining', 7], ['qc', 1]],
  'Samudra Metal Industri': [['casting', 3], ['machining', 3], ['welding', 2]],
  'Putra Dampyak Engineering': [['welding', 3], ['sheet_metal', 2], ['assembly', 3], ['machining', 1]],
  'Makmur Sentosa Besi': [['welding', 5], ['sheet_metal', 2], ['assembly', 1]],
};
export const DEFAULT_PROFILE: readonly (readonly [Trade, number])[] = [['welding', 3], ['machining', 3], ['casting', 1], ['sheet_metal', 2], ['assembly', 2], ['qc', 1]];

/** The demo worker account of the README (pekerja@takaru.test) and the record it is linked to. */
export const DEMO_WORKER = {
  email: 'pekerja@takaru.test',
  name: 'Ahmad Nurhadi',
  phone: '+6281225000005',
  workshop: 'Logam Jaya Takaru',
  trades: ['welding'] as Trade[],
  position: 'Juru las SMAW 3G',
  joinedAt: '2019-03-04',
  nik: '3328071203950001',
};
