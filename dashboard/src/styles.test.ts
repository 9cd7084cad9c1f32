import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

/** The declarations of the first rule whose selector is exactly `selector`. */
function rule(selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|\\})\\s*${escaped}\\s*\\{([^}]*)\\}`, 'm').exec(css);
  if (!match) throw new Error(`no rule ${selector}`);
  const body = match[1]!.replace(/\/\*[\s\S]*?\*\//g, '');
  return Object.fromEntries(
    body
      .split(';')
      .map((d) => d.split(':').map((p) => p.trim()))
      .filter((d) => d.length === 2 && d[0])
      .map(([k, v]) => [k!, v!]),
  );
}

describe('styles: a scrolling table keeps its screen-reader texts inside', () => {
  it('positions .table-scroll, so the absolute .sr-only texts in a table do not widen the page', () => {
    // .sr-only is taken out of the flow; with no positioned ancestor it was placed against the page
    // and escaped the overflow-x box (the ROI page 1168 px wide at 768).
    expect(rule('.sr-only').position).toBe('absolute');
    const scroll = rule('.table-scroll');
    expect(scroll['overflow-x']).toBe('auto');
    expect(scroll.position).toBe('relative');
  });
});

describe('styles: a stacked sortable table keeps its sort buttons in view', () => {
  it('shows the header of .stack-sortable as a wrapping row, not the 1 px clipped box of other stacked tables', () => {
    const head = rule('.stack-table.stack-sortable thead');
    expect(head.position).toBe('static');
    expect(head.clip).toBe('auto');
    expect(head.width).toBe('auto');
    const row = rule('.stack-table.stack-sortable thead tr');
    expect(row.display).toBe('flex');
    expect(row['flex-wrap']).toBe('wrap');
    // "Urutkan:" from the row's data-sort-label, kept out of the accessibility tree ("/ ''").
    expect(rule('.stack-table.stack-sortable thead tr::before').content).toBe('attr(data-sort-label) / ""');
  });
});

describe('styles: focus in the scorecard stays clear of its sticky columns (360 px)', () => {
  it('pads the scroll box by the sticky checkbox and name columns together', () => {
    const rem = (v: string | undefined) => Number(/^([\d.]+)rem$/.exec(v ?? '')?.[1]);
    const check = rule('.data-table.scorecard tr > :first-child');
    const name = rule('.data-table.scorecard tr > :nth-child(2)');
    expect(rem(check.width)).toBe(rem(check['max-width']));
    expect(rem(name.width)).toBe(rem(name['max-width']));
    expect(rem(name.left)).toBe(rem(check.width));
    expect(rem(rule('.scorecard-scroll')['scroll-padding-left'])).toBeCloseTo(
      rem(check.width) + rem(name.width),
    );
  });
});
