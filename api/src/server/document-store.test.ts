import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { type DocumentNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_STORE_CHARS, documentChars } from './document-store.ts';

const padded = (i: number, chars: number) => `#${i} ${'x'.repeat(chars)}\n{ snapshot { id } }`;

/** The store as create-api.ts builds it, with a smaller budget. */
const documentStore = (maxSize = DOCUMENT_STORE_CHARS) =>
  new InMemoryLRUCache<DocumentNode>({ maxSize, sizeCalculation: documentChars });

/** Σ `documentChars` of the documents held. */
const held = async (store: InMemoryLRUCache<DocumentNode>) => {
  let chars = 0;
  for (const key of store.keys()) {
    const document = await store.get(key);
    if (document) chars += documentChars(document);
  }
  return chars;
};

describe('the document store: validated documents sized with the query text they keep', () => {
  it('a comment-padded document weighs its text, not only its tree', () => {
    const small = parse('{ snapshot { id } }');
    const big = parse(padded(0, 100_000));
    expect(documentChars(big)).toBeGreaterThan(100_000);
    expect(documentChars(big) - documentChars(small)).toBeGreaterThanOrEqual(100_000);
  });

  it('evicts the least recently used past its budget, keeps none larger than it', async () => {
    const store = documentStore(350_000);
    for (let i = 0; i < 10; i++) await store.set(`k${i}`, parse(padded(i, 100_000)));
    expect(await held(store)).toBeLessThanOrEqual(350_000);
    expect(await held(store)).toBeGreaterThan(300_000); // the three most recent (~100,500 each)
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
