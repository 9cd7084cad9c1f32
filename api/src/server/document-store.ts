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

/** The default budget: Apollo's own document store holds 30 MB. */
export const DOCUMENT_STORE_CHARS = 30 * 1024 * 1024;

/**
 * Apollo's document store (validated documents by query hash), least recently used first out when
 * their `documentChars` pass `maxChars`. Apollo's default sizes a document by its JSON, which leaves
 * out the query text every node's location keeps: a 1 MB comment before `{ snapshot { id } }`
 * weighed a few hundred bytes, so 300 such requests kept 270 MB (review of 2026-12-06).
 */
export class DocumentStore {
  private readonly documents = new Map<string, { readonly document: DocumentNode; readonly chars: number }>();
  private chars = 0;

  constructor(private readonly maxChars: number = DOCUMENT_STORE_CHARS) {}

  async get(key: string): Promise<DocumentNode | undefined> {
    const entry = this.documents.get(key);
    if (entry === undefined) return undefined;
    this.documents.delete(key);
    this.documents.set(key, entry);
    return entry.document;
  }

  async set(key: string, document: DocumentNode): Promise<void> {
    await this.delete(key);
    const chars = documentChars(document);
    if (chars > this.maxChars) return;
    this.documents.set(key, { document, chars });
    this.chars += chars;
    while (this.chars > this.maxChars) {
      const oldest = this.documents.keys().next().value;
      if (oldest === undefined) break;
      await this.delete(oldest);
    }
  }

  async delete(key: string): Promise<boolean> {
    const entry = this.documents.get(key);
    if (entry === undefined) return false;
    this.documents.delete(key);
    this.chars -= entry.chars;
    return true;
  }

  /** Σ `documentChars` of the documents held (tests). */
  get size(): number {
    return this.chars;
  }
}
