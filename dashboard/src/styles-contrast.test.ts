import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** Every innermost rule (inside @media too): its selectors and declarations. */
const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
  // Commas inside parentheses (`:not(a, b)`) do not split a selector list.
  selectors: m[1]!.split(/,(?![^(]*\))/).map((s) => s.trim().replace(/\s+/g, ' ')),
  decls: Object.fromEntries(
    m[2]!
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d.includes(':'))
      .map((d) => [d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).trim()]),
  ) as Record<string, string>,
}));

/** The declarations of the first rule naming `selector` among its selectors (the screen's, not print's). */
function declsOf(selector: string): Record<string, string> {
  const found = rules.find((r) => r.selectors.includes(selector));
  if (!found) throw new Error(`no rule ${selector}`);
  return found.decls;
}

/** A custom property of :root, as a hex colour. */
const root = declsOf(':root');
function colour(name: string): string {
  const value = root[name];
  if (!value || !/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`${name}: ${value}`);
  return value;
}

/** WCAG 2.1 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('styles: form controls have a boundary of 3:1 (WCAG 1.4.11)', () => {
  it('--control-line reaches 3:1 on the white field, the card and the page; --line (decorative) did not', () => {
    const control = colour('--control-line');
    for (const ground of ['#ffffff', colour('--card'), colour('--bg')]) {
      expect(contrast(control, ground)).toBeGreaterThanOrEqual(3);
    }
    // The audit's figure: the old border was 1.47:1 on white.
    expect(contrast(colour('--line'), '#ffffff')).toBeCloseTo(1.47, 2);
  });

  it.each([
    '.field select',
    '.field input:not([type="checkbox"], [type="radio"])',
    '.multi-details summary',
    '.token-form input',
  ])('%s is edged in --control-line', (selector) => {
    expect(declsOf(selector).border).toBe('1px solid var(--control-line)');
  });
});

describe('styles: the focus ring reaches 3:1 wherever it is drawn (WCAG 1.4.11, 2.4.7)', () => {
  it('the page ring on white and on the page ground', () => {
    expect(declsOf(':focus-visible').outline).toBe('3px solid var(--focus)');
    expect(contrast(colour('--focus'), '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(contrast(colour('--focus'), colour('--bg'))).toBeGreaterThanOrEqual(3);
  });

  it('a light ring on the dark header, the page ring again in its white token dialog', () => {
    expect(declsOf('.site-header').background).toBe('var(--brand)');
    expect(declsOf('.site-header :focus-visible')['outline-color']).toBe('var(--focus-on-dark)');
    expect(contrast(colour('--focus-on-dark'), colour('--brand'))).toBeGreaterThanOrEqual(3);
    // The audit's figure: the page ring on the header was 2.31:1.
    expect(contrast(colour('--focus'), colour('--brand'))).toBeLessThan(3);
    expect(declsOf('.token-form').background).toBe('#fff');
    expect(declsOf('.site-header .token-form :focus-visible')['outline-color']).toBe('var(--focus)');
  });
});
