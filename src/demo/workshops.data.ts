/**
 * Synthetic demo workshops of LIK Takaru (Dampyak, Kramat, Kabupaten Tegal). Names, owners and
 * products are invented but typical of the cluster's metalworking IKM; not real businesses.
 */
export const DEMO_WORKSHOPS = [
  { legalForm: 'CV', name: 'Logam Jaya Takaru', owner: 'H. Slamet Riyadi', unit: 'Blok A-03', products: 'Komponen rem dan kampas kopling (tier-2 otomotif)' },
  { legalForm: 'CV', name: 'Sinar Baja Tegal', owner: 'Bambang Suprapto', unit: 'Blok A-07', products: 'Bracket knalpot, pipa knalpot' },
  { legalForm: 'UD', name: 'Karya Mandiri Dampyak', owner: 'Sutrisno', unit: 'Blok A-11', products: 'Pengecoran besi cor, pulley' },
  { legalForm: 'PT', name: 'Presisi Teknik Pantura', owner: 'Ir. Hendra Wijaya', unit: 'Blok B-02', products: 'Komponen bubut presisi, bushing, poros' },
  { legalForm: 'CV', name: 'Mitra Las Kramat', owner: 'Wahyu Hidayat', unit: 'Blok B-05', products: 'Rangka las, konstruksi baja ringan' },
  { legalForm: 'UD', name: 'Cor Logam Talang', owner: 'Darsono', unit: 'Blok B-09', products: 'Cor aluminium: rumah pompa, tutup mesin' },
  { legalForm: 'CV', name: 'Anugrah Plat Cempaka', owner: 'Siti Aminah', unit: 'Blok C-01', products: 'Pelat bending, panel bodi kendaraan' },
  { legalForm: 'PT', name: 'Tegal Komponen Otomotif', owner: 'Agus Setiawan', unit: 'Blok C-04', products: 'Komponen kendaraan: engsel pintu, dudukan aki' },
  { legalForm: 'CV', name: 'Berkah Teknik Mandiri', owner: 'Muhammad Fauzi', unit: 'Blok C-08', products: 'Suku cadang alat berat: pin, bushing, sprocket' },
  { legalForm: 'UD', name: 'Sumber Rejeki Logam', owner: 'Tarmuji', unit: 'Blok C-12', products: 'Peralatan pertanian: cangkul, sabit, mata bajak' },
  { legalForm: 'CV', name: 'Bina Karya Bubut', owner: 'Eko Prasetyo', unit: 'Blok D-03', products: 'Jasa bubut dan frais, mur baut khusus' },
  { legalForm: 'PT', name: 'Samudra Metal Industri', owner: 'Lukman Hakim', unit: 'Blok D-06', products: 'Komponen kapal nelayan: baling-baling, as' },
  { legalForm: 'CV', name: 'Putra Dampyak Engineering', owner: 'Rudi Hartono', unit: 'Blok D-10', products: 'Fabrikasi mesin pengolah pangan' },
  { legalForm: 'UD', name: 'Makmur Sentosa Besi', owner: 'Kasmuri', unit: 'Blok E-02', products: 'Pagar, teralis, kanopi' },
] as const;

export const DEMO_PASSWORD = 'takaru-demo';

/** The accounts the README lists; all share DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = [
  { email: 'admin@takaru.test', name: 'Rina Kusumawati', roles: ['admin'], phone: '+6281225000001' },
  { email: 'koordinator@takaru.test', name: 'Joko Susilo', roles: ['coordinator'], phone: '+6281225000002' },
  { email: 'instruktur@takaru.test', name: 'Sugeng Widodo', roles: ['instructor'], phone: '+6281225000003' },
  { email: 'manajer@takaru.test', name: 'Dewi Lestari', roles: ['manager'], phone: '+6281225000004', workshop: 'Logam Jaya Takaru' },
  { email: 'pekerja@takaru.test', name: 'Ahmad Nurhadi', roles: ['worker'], phone: '+6281225000005', workshop: 'Logam Jaya Takaru' },
] as const;
