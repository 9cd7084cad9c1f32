import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_TABLES, type SourceTableName, tableSpec } from '../../source-schema/catalog.ts';
import { publishTemplates, type TemplateIndex } from './publish-templates.ts';
import { templateColumns } from './template.ts';

describe('publishTemplates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asn-templates-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes a CSV and an XLSX template of every source table, and an index', async () => {
    expect(await publishTemplates(dir)).toEqual({ written: true });
    const files = (await readdir(join(dir, 'templates'))).sort();
    expect(files).toEqual(['index.json', ...SOURCE_TABLES.flatMap((t) => [`${t}.csv`, `${t}.xlsx`])].sort());
    const index = JSON.parse(await readFile(join(dir, 'templates', 'index.json'), 'utf8')) as TemplateIndex;
    expect(index.tables.map((t) => t.table)).toEqual([...SOURCE_TABLES]);
    expect(index.tables[0]).toMatchObject({
      csv: `${SOURCE_TABLES[0]}.csv`,
      xlsx: `${SOURCE_TABLES[0]}.xlsx`,
    });
    expect(index.tables[0]!.grain.length).toBeGreaterThan(0);
    // What one row is, in Bahasa Indonesia too: the dashboard shows it when its language is Indonesian.
    for (const row of index.tables) {
      const spec = tableSpec(row.table as SourceTableName);
      expect(row, row.table).toMatchObject({ grain: spec.grain, grainId: spec.grainId });
    }
    expect(index.tables.find((t) => t.table === 'employees')?.grainId).toBe(
      'satu baris per pegawai ASN (PNS atau PPPK)',
    );
    const csv = await readFile(join(dir, 'templates', 'service_requests.csv'), 'utf8');
    expect(csv).toBe(`\uFEFF${templateColumns('service_requests').join(',')}\r\n`);
    // No staging folder is left behind.
    expect((await readdir(dir)).filter((n) => n.startsWith('templates.tmp'))).toEqual([]);
  });

  it('does nothing while the catalog is unchanged, and regenerates when the index is stale', async () => {
    expect(await publishTemplates(dir)).toEqual({ written: false });
    const indexPath = join(dir, 'templates', 'index.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8')) as TemplateIndex;
    await writeFile(indexPath, JSON.stringify({ ...index, fingerprint: 'an older catalog' }));
    await rm(join(dir, 'templates', 'employees.xlsx'));
    expect(await publishTemplates(dir)).toEqual({ written: true });
    expect(await readdir(join(dir, 'templates'))).toContain('employees.xlsx');
  });
});
