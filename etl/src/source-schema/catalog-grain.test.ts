import { describe, expect, it } from 'vitest';
import { CATALOG, SOURCE_TABLES, tableSpec } from './catalog.ts';

describe('catalog grain texts', () => {
  it('every source table says what one row is in Bahasa Indonesia as well as in English', () => {
    expect(CATALOG.map((t) => t.name).sort()).toEqual([...SOURCE_TABLES].sort());
    for (const table of SOURCE_TABLES) {
      const spec = tableSpec(table);
      expect(spec.grain.trim(), table).not.toBe('');
      const text = spec.grainId;
      expect(typeof text, table).toBe('string');
      // The same sentence shape as the English ("one row per …"), and not the English itself.
      expect(text, table).toMatch(/^satu baris per /);
      expect(text, table).not.toBe(spec.grain);
      expect(text, table).not.toMatch(/\b(one row|per employee|the|of an?|and)\b/);
    }
  });

  it('uses the domain terms clerks know', () => {
    expect(tableSpec('employees').grainId).toBe('satu baris per pegawai ASN (PNS atau PPPK)');
    expect(tableSpec('invitations').grainId).toContain('undangan');
    expect(tableSpec('enrollments').grainId).toContain('pendaftaran');
    expect(tableSpec('offerings').grainId).toContain('angkatan');
    expect(tableSpec('service_requests').grainId).toContain('permohonan layanan');
    expect(tableSpec('satisfaction_responses').grainId).toContain('SKM');
    expect(tableSpec('training_budgets').grainId).toBe('satu baris per instansi per tahun anggaran');
  });
});
