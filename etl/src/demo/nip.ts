/**
 * NIP (Nomor Induk Pegawai) for PNS and NI PPPK, DOMAIN §8.
 *
 * NIP = birth date YYYYMMDD + CPNS appointment (TMT) YYYYMM + sex (1 man, 2 woman) + a
 * three-digit sequence. NI PPPK is also 18 digits but laid out differently: birth date
 * YYYYMMDD + appointment year YYYY + "21" + sex + sequence; its "month" (21) is never valid,
 * so it can't be mistaken for a NIP.
 */
export interface NipParts {
  readonly birthDate: string;
  readonly appointedYearMonth: string;
  readonly sex: 'M' | 'F';
  readonly sequence: number;
}

export function formatNip(p: NipParts): string {
  return `${p.birthDate.replaceAll('-', '')}${p.appointedYearMonth.replace('-', '')}${p.sex === 'M' ? 1 : 2}${String(p.sequence).padStart(3, '0')}`;
}

/** Parses a NIP into its parts, or null when it is not a well-formed NIP. */
export function parseNip(nip: string): NipParts | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{4})(\d{2})([12])(\d{3})$/.exec(nip);
  if (!m) return null;
  const [, by, bm, bd, ay, am, sex, seq] = m as unknown as string[];
  const birth = `${by}-${bm}-${bd}`;
  const t = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== birth) return null;
  const month = Number(am);
  if (month < 1 || month > 12) return null;
  return {
    birthDate: birth,
    appointedYearMonth: `${ay}-${am}`,
    sex: sex === '1' ? 'M' : 'F',
    sequence: Number(seq),
  };
}

export function formatNiPppk(
  birthDate: string,
  appointedYear: number,
  sex: 'M' | 'F',
  sequence: number,
): string {
  return `${birthDate.replaceAll('-', '')}${appointedYear}21${sex === 'M' ? 1 : 2}${String(sequence).padStart(3, '0')}`;
}

/**
 * Hands out sequence numbers per NIP prefix (birth date + TMT + sex), so every NIP is
 * unique the way BKN makes them unique: by counting people who share the rest.
 */
export class NipSequencer {
  private readonly next = new Map<string, number>();

  take(prefix: string): number {
    const n = (this.next.get(prefix) ?? 0) + 1;
    if (n > 999) throw new Error(`NIP sequence exhausted for ${prefix}`);
    this.next.set(prefix, n);
    return n;
  }
}
