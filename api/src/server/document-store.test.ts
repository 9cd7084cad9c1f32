import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DocumentStore, documentChars } from './document-store.ts';

const padded = (i: number, chars: number) => `#${i} ${'x'.repeat(chars)}\n{ snapshot { id } }`;

describe('DocumentStore: validated documents sized with the query text they keep', () => {
  it('a comment-padded document weighs its text, not only its tree', () => {
    const small = parse('{ snapshot { id } }');
    const big = parse(padded(0, 100_000));
    expect(documentChars(big)).toBeGreaterThan(100_000);
    expect(documentChars(big) - documentChars(small)).toBeGreaterThanOrEqual(100_000);
  });

  it('evicts the least recently used past its budget, keeps none larger than it', async () => {
    const store = new DocumentStore(350_000);
    for (let i = 0; i < 10; i++) await store.set(`k${i}`, parse(padded(i, 100_000)));
    expect(store.size).toBeLessThanOrEqual(350_000);
    expect(await store.get('k9')).toBeDefined();
    expect(await store.get('k8')).toBeDefined();
    expect(await store.get('k0')).toBeUndefined();
    await store.set('huge', parse(padded(99, 400_000)));
    expect(await store.get('huge')).toBeUndefined();
    expect(await store.get('k9')).toBeDefined();
    expect(await store.delete('k9')).toBe(true);
    expect(await store.get('k9')).toBeUndefined();
  });
});
