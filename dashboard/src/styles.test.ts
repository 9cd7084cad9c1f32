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
