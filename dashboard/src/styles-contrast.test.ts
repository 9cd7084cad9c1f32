import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast } from './testing/contrast-ratio.ts';

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
