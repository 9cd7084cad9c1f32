import type { DocumentNode } from 'graphql';

/**
 * What a parsed document holds in memory, about: its query text (the parser keeps the whole source
 * for error locations, comments included) and its syntax tree (sized by its JSON, as Apollo's default
 * store sizes it; a location's JSON is its offsets, not the text).
 */
export function documentChars(document: DocumentNode): number {
  let chars = sized.get(document);
  if (chars === undefined) {
    chars = (document.loc?.source.body.length ?? 0) + JSON.stringify(document).length;
    sized.set(document, chars);
  }
  return chars;
}

/** `documentChars` computed once per document (the store and the jit executor both ask). */
const sized = new WeakMap<DocumentNode, number>();

/**
 * The budget of Apollo's document store (validated documents by query hash): its own default, 30 MB,
 * but of `documentChars`. Apollo's default store (`InMemoryLRUCache`, an lru-cache) sizes a document
 * by its JSON, which leaves out the query text every node's location keeps: a 1 MB comment before
 * `{ snapshot { id } }` weighed a few hundred bytes, so 300 such requests kept 270 MB (review of
 * 2026-12-06). The store is that cache with `documentChars` as its size (create-api.ts): the least
 * recently used go first past the budget, and a document larger than it alone is not kept.
 */
export const DOCUMENT_STORE_CHARS = 30 * 1024 * 1024;
