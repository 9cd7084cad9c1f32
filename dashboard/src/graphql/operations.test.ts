import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, type DocumentNode, Kind, NoDeprecatedCustomRule, validate, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from './operations.ts';

/**
 * The dashboard depends on `schema.graphql` only (DESIGN "Data flow"). Validating every document
 * against the emitted schema catches a renamed field or argument here, not in a browser.
 */
const schemaPath = fileURLToPath(new URL('../../../schema.graphql', import.meta.url));
const documents = Object.entries(operations).filter(
  (entry): entry is [string, DocumentNode] => (entry[1] as DocumentNode)?.kind === 'Document',
);

describe('operations against schema.graphql', () => {
  it('finds the schema', () => {
    if (!existsSync(schemaPath)) console.warn(`SKIPPED: ${schemaPath} does not exist yet`);
    expect(existsSync(schemaPath)).toBe(true);
  });

  const schema = existsSync(schemaPath) ? buildSchema(readFileSync(schemaPath, 'utf8')) : null;
  // it.each over an empty list registers no test and says nothing: the documents are there.
  it('finds the documents', () => {
    expect(documents.length).toBeGreaterThan(20);
  });
  it.each(documents)('%s is valid', (_name, doc) => {
    expect(schema).not.toBeNull();
    const errors = validate(schema!, doc).map((e) => e.message);
    expect(errors).toEqual([]);
  });

  // A deprecated field stays in the schema for researchers' existing queries; the dashboard, which
  // is released with the schema, asks for its replacement.
  it.each(documents)('%s asks for no deprecated field, argument or enum value', (_name, doc) => {
    expect(schema).not.toBeNull();
    const errors = validate(schema!, doc, [NoDeprecatedCustomRule]).map((e) => e.message);
    expect(errors).toEqual([]);
  });
});

describe('what the IKM documents ask of the API', () => {
  /** Every field name a document selects, anywhere in it. */
  const fieldsOf = (doc: DocumentNode): Set<string> => {
    const names = new Set<string>();
    visit(doc, { enter: (node) => void (node.kind === Kind.FIELD && names.add(node.name.value)) });
    return names;
  };
  const SAMPLE = ['population', 'minimumSample', 'sampleAdequate'];

  // The sample fields make the API read the service times too (most of the work): Ringkasan's IKM
  // tile and trend and Layanan's city-wide total show none of them, so their document asks none.
  it('Satisfaction (the IKM alone) selects no sample field; SatisfactionSample selects all three', () => {
    const plain = fieldsOf(operations.SatisfactionQuery);
    const sample = fieldsOf(operations.SatisfactionSampleQuery);
    expect(SAMPLE.filter((f) => plain.has(f))).toEqual([]);
    expect(SAMPLE.filter((f) => sample.has(f))).toEqual(SAMPLE);
    // Otherwise the same rows: what one shows, the other does.
    expect([...plain].filter((f) => !sample.has(f))).toEqual([]);
  });
});
