import { describe, expect, it } from 'vitest';
import { lastYearOfRange } from './PartisipasiPage.tsx';

describe('lastYearOfRange (the per-agency participation card asks for this year alone)', () => {
  const years = { first: 2021, last: 2025 };
  const range = (fromYear: number | null, toYear: number | null) => ({ fromYear, toYear });

  it("is the 'to' year, else the snapshot's last", () => {
    expect(lastYearOfRange(range(null, null), years)).toBe(2025);
    expect(lastYearOfRange(range(2022, null), years)).toBe(2025);
    expect(lastYearOfRange(range(2022, 2023), years)).toBe(2023);
    expect(lastYearOfRange(range(null, 2023), null)).toBe(2023);
  });

  it("is a 'from' year after the data (a range with no data), not the data's last year", () => {
    expect(lastYearOfRange(range(2030, null), years)).toBe(2030);
  });

  it('is unknown until the snapshot has come, or when it has no facts', () => {
    expect(lastYearOfRange(range(2022, null), undefined)).toBeNull();
    expect(lastYearOfRange(range(null, null), null)).toBeNull();
  });
});
