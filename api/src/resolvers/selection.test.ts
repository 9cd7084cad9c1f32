import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsField, selectsSubfield } from './selection.ts';

/** The info of the document's first root field, with its fragments. */
function infoOf(document: string, variableValues: Record<string, unknown> = {}): GraphQLResolveInfo {
  const doc = parse(document);
  const operation = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
  const field = operation.selectionSet.selections[0] as FieldNode;
  const fragments = Object.fromEntries(
    doc.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return { fieldNodes: [field], fragments, variableValues } as unknown as GraphQLResolveInfo;
}

describe('selectsSubfield: a row field under rows', () => {
  it('directly, through a fragment spread, through an inline fragment', () => {
    expect(selectsSubfield(infoOf('{ m { rows { ikm sampleAdequate } } }'), 'rows', ['sampleAdequate'])).toBe(
      true,
    );
    expect(
      selectsSubfield(
        infoOf('{ m { ...R } } fragment R on T { rows { ...S } } fragment S on Row { population }'),
        'rows',
        ['sampleAdequate', 'population'],
      ),
    ).toBe(true);
    expect(
      selectsSubfield(infoOf('{ m { rows { ... on Row { minimumSample } } } }'), 'rows', ['minimumSample']),
    ).toBe(true);
  });

  it('not when the name is selected elsewhere than under rows, nor when absent', () => {
    expect(selectsSubfield(infoOf('{ m { sampleAdequate rows { ikm } } }'), 'rows', ['sampleAdequate'])).toBe(
      false,
    );
    expect(
      selectsSubfield(infoOf('{ m { other { sampleAdequate } rows { ikm } } }'), 'rows', ['sampleAdequate']),
    ).toBe(false);
    expect(selectsSubfield(infoOf('{ m { minN } }'), 'rows', ['sampleAdequate'])).toBe(false);
  });

  it('fragments that spread each other end; an unknown fragment or no info counts as selected', () => {
    const cyclic = '{ m { ...A } } fragment A on T { ...B rows { ikm } } fragment B on T { ...A }';
    expect(selectsSubfield(infoOf(cyclic), 'rows', ['sampleAdequate'])).toBe(false);
    expect(selectsSubfield(infoOf('{ m { ...Missing } }'), 'rows', ['sampleAdequate'])).toBe(true);
    expect(selectsSubfield(undefined, 'rows', ['sampleAdequate'])).toBe(true);
  });

  it('selectsField keeps its meaning: the field’s own subfields', () => {
    expect(selectsField(infoOf('{ m { byReason { declines } } }'), 'byReason')).toBe(true);
    expect(selectsField(infoOf('{ m { rows { byReason } } }'), 'byReason')).toBe(false);
  });

  it('leaves out what @skip or @include leave out, with the request’s variables, as GraphQL executes it', () => {
    const sample = ['sampleAdequate'];
    expect(
      selectsSubfield(infoOf('{ m { rows { ikm sampleAdequate @include(if: false) } } }'), 'rows', sample),
    ).toBe(false);
    expect(selectsSubfield(infoOf('{ m { rows { sampleAdequate @skip(if: true) } } }'), 'rows', sample)).toBe(
      false,
    );
    expect(selectsSubfield(infoOf('{ m { rows @skip(if: true) { sampleAdequate } } }'), 'rows', sample)).toBe(
      false,
    );
    expect(
      selectsSubfield(infoOf('{ m { rows { sampleAdequate @include(if: true) } } }'), 'rows', sample),
    ).toBe(true);
    const byVariable =
      'query Q($s: Boolean!) { m { rows { ... on Row @include(if: $s) { sampleAdequate } } } }';
    expect(selectsSubfield(infoOf(byVariable, { s: false }), 'rows', sample)).toBe(false);
    expect(selectsSubfield(infoOf(byVariable, { s: true }), 'rows', sample)).toBe(true);
    const spread =
      'query Q($s: Boolean!) { m { rows { ...S @skip(if: $s) } } } fragment S on Row { sampleAdequate }';
    expect(selectsSubfield(infoOf(spread, { s: true }), 'rows', sample)).toBe(false);
    expect(selectsSubfield(infoOf(spread, { s: false }), 'rows', sample)).toBe(true);
    // Both directives: executed only when neither leaves it out.
    expect(
      selectsSubfield(
        infoOf('{ m { rows { sampleAdequate @include(if: true) @skip(if: true) } } }'),
        'rows',
        sample,
      ),
    ).toBe(false);
  });
});
