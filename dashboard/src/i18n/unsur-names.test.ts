import { IKM_UNSUR } from '@asn/warehouse';
import { describe, expect, it } from 'vitest';
import { en } from './messages.en.ts';
import { id, type MessageKey } from './messages.id.ts';

/**
 * The browser bundle cannot import the warehouse, so the IKM element names are copied into the
 * messages: this keeps the copy in the warehouse's order and wording (a review found U8 and U9
 * swapped, so the page named "Sarana dan prasarana" as the weakest element for complaint handling).
 */
describe('unsur.N messages', () => {
  it("name in Indonesian the warehouse's element UN, in its order", () => {
    const shown = IKM_UNSUR.map((_, i) => id[`unsur.${i + 1}` as MessageKey]);
    expect(shown).toEqual(IKM_UNSUR.map((u) => `${u.code} ${u.name}`));
  });

  it('number the English names as the Indonesian ones, complaint handling as U9', () => {
    IKM_UNSUR.forEach((u, i) => {
      expect(en[`unsur.${i + 1}` as MessageKey].startsWith(`${u.code} `)).toBe(true);
    });
    expect(en['unsur.8']).toMatch(/^U8 Facilities/);
    expect(en['unsur.9']).toMatch(/^U9 Handling of complaints/);
  });

  it('has exactly nine', () => {
    expect(Object.keys(id).filter((k) => k.startsWith('unsur.'))).toHaveLength(IKM_UNSUR.length);
    expect(Object.keys(en).filter((k) => k.startsWith('unsur.'))).toHaveLength(IKM_UNSUR.length);
  });
});
