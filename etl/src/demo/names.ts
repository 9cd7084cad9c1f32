import type { Prng } from './prng.ts';

/**
 * Plausible Indonesian full names built from common name parts (Javanese, Banjar, Dayak
 * Christian and Muslim given names are all common in Palangka Raya). Parts are combined at
 * random, so no generated name is meant to be, or points to, a real person.
 */
const MALE = [
  'Agus',
  'Ahmad',
  'Andi',
  'Ari',
  'Bambang',
  'Budi',
  'Dedi',
  'Dimas',
  'Eko',
  'Fajar',
  'Gusti',
  'Hendra',
  'Heri',
  'Irfan',
  'Iwan',
  'Joko',
  'Kurniawan',
  'Lukas',
  'Markus',
  'Muhammad',
  'Natalis',
  'Petrus',
  'Rahmat',
  'Rizky',
  'Rudi',
  'Slamet',
  'Stefanus',
  'Teguh',
  'Yohanes',
  'Yusuf',
  'Wahyu',
  'Arif',
  'Dani',
  'Fikri',
  'Hadi',
  'Ilham',
  'Januarto',
  'Frans',
  'Rony',
  'Sugianto',
] as const;
const FEMALE = [
  'Ayu',
  'Dewi',
  'Dian',
  'Elisabeth',
  'Ernawati',
  'Fitri',
  'Indah',
  'Lestari',
  'Maria',
  'Mega',
  'Novita',
  'Nur',
  'Putri',
  'Rahmawati',
  'Ratna',
  'Rina',
  'Sinta',
  'Siti',
  'Sri',
  'Theresia',
  'Wulan',
  'Yanti',
  'Yuliana',
  'Nurhayati',
  'Eka',
  'Desi',
  'Herlina',
  'Kristina',
  'Lusiana',
  'Marlina',
  'Noor',
  'Rosita',
  'Sari',
  'Veronika',
  'Winda',
  'Yuni',
] as const;
const MIDDLE_M = ['Adi', 'Dwi', 'Tri', 'Nur', 'Eka', 'Budi', 'Hari', 'Setia'] as const;
const MIDDLE_F = ['Dwi', 'Tri', 'Nur', 'Eka', 'Ayu', 'Sri', 'Puspita', 'Indah'] as const;
const LAST_M = [
  'Saputra',
  'Pratama',
  'Wibowo',
  'Santoso',
  'Hidayat',
  'Kusuma',
  'Nugroho',
  'Setiawan',
  'Firmansyah',
  'Ramadhan',
  'Gunawan',
  'Hartono',
  'Susanto',
  'Wijaya',
  'Halim',
  'Sanjaya',
] as const;
const LAST_F = [
  'Lestari',
  'Anggraini',
  'Sari',
  'Wati',
  'Handayani',
  'Rahayu',
  'Susanti',
  'Purnamasari',
  'Permata',
  'Kartika',
  'Oktaviani',
  'Maharani',
  'Safitri',
  'Utami',
  'Wulandari',
  'Fitriani',
] as const;
const MASTERS = ['M.Si.', 'M.M.', 'M.Pd.', 'M.AP.', 'M.H.', 'M.Kes.'] as const;

export function indonesianName(
  rng: Prng,
  sex: 'M' | 'F',
  education: string,
  titles: readonly string[],
): string {
  const male = sex === 'M';
  const parts: string[] = [rng.pick(male ? MALE : FEMALE)];
  const shape = rng.next();
  if (shape < 0.25) parts.push(rng.pick(male ? MIDDLE_M : MIDDLE_F));
  if (shape < 0.85) parts.push(rng.pick(male ? LAST_M : LAST_F));
  else if (shape < 0.95) parts.push(rng.pick(male ? MALE : FEMALE));
  let name = parts.join(' ');
  if ((education === 'S1' || education === 'D4') && titles.length > 0 && rng.chance(0.7))
    name += `, ${rng.pick(titles)}`;
  if (education === 'S2' || education === 'S3') name += `, ${rng.pick(MASTERS)}`;
  if (education === 'S3' && rng.chance(0.8)) name = `Dr. ${name}`;
  return name;
}
