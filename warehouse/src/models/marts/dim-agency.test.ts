import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { buildMiniWorld } from './testing/buildMiniWorld.ts';

describe('dim_agency (SCD2 over agency names)', () => {
  let db: Db | undefined;
  afterEach(() => db?.close());

  it('keeps one code and two versions across the BKPP → BKPSDM rename, current_name BKPSDM', async () => {
    db = await buildMiniWorld({
      agencies: [
        {
          id: 1,
          code: 'BKPSDM',
          name: 'BKPP',
          kind: 'badan',
          valid_from: '2010-01-01',
          valid_to: '2018-06-30',
        },
        { id: 2, code: 'BKPSDM', name: 'BKPSDM', kind: 'badan', valid_from: '2018-07-01' },
        { id: 3, code: 'DISDUKCAPIL', name: 'Disdukcapil', kind: 'dinas', valid_from: '2010-01-01' },
        {
          id: 4,
          code: 'KEC-PHD',
          name: 'Kecamatan Pahandut',
          kind: 'kecamatan',
          parent_id: 1,
          valid_from: '2010-01-01',
        },
      ],
    });
    expect(await db.all('select * from marts.dim_agency order by agency_version_id')).toEqual([
      {
        agency_version_id: 1,
        agency_code: 'BKPSDM',
        name: 'BKPP',
        current_name: 'BKPSDM',
        kind: 'badan',
        parent_code: null,
        valid_from: '2010-01-01',
        valid_to: '2018-06-30',
        is_current: false,
      },
      {
        agency_version_id: 2,
        agency_code: 'BKPSDM',
        name: 'BKPSDM',
        current_name: 'BKPSDM',
        kind: 'badan',
        parent_code: null,
        valid_from: '2018-07-01',
        valid_to: null,
        is_current: true,
      },
      {
        agency_version_id: 3,
        agency_code: 'DISDUKCAPIL',
        name: 'Disdukcapil',
        current_name: 'Disdukcapil',
        kind: 'dinas',
        parent_code: null,
        valid_from: '2010-01-01',
        valid_to: null,
        is_current: true,
      },
      {
        agency_version_id: 4,
        agency_code: 'KEC-PHD',
        name: 'Kecamatan Pahandut',
        current_name: 'Kecamatan Pahandut',
        kind: 'kecamatan',
        parent_code: 'BKPSDM',
        valid_from: '2010-01-01',
        valid_to: null,
        is_current: true,
      },
    ]);
  });

  it('with asOf before the rename, the BKPP version is current and named current', async () => {
    db = await buildMiniWorld({}, { asOf: '2015-01-01' });
    expect(
      await db.all(
        `select agency_version_id, current_name, is_current from marts.dim_agency
         where agency_code = 'BKPSDM' order by agency_version_id`,
      ),
    ).toEqual([
      { agency_version_id: 1, current_name: 'BKPP', is_current: true },
      { agency_version_id: 2, current_name: 'BKPP', is_current: false },
    ]);
  });

  it('rejects an asOf that is not an ISO date before touching the marts', async () => {
    await expect(buildMiniWorld({}, { asOf: "2015-01-01'; drop table x; --" })).rejects.toThrow(
      'asOf must be an ISO date',
    );
  });
});
