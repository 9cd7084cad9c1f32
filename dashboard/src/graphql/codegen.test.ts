import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.ts';

/**
 * `operations.generated.ts` and `possible-types.generated.ts` are committed so the build needs no
 * codegen step; this regenerates them in memory (offline: the schema and documents are local files)
 * and fails when a committed file is stale, i.e. `schema.graphql` or an `operations/*.graphql`
 * document changed without `npm run codegen -w dashboard`.
 */
describe('generated operation types', () => {
  it('the generated files match schema.graphql and operations/*.graphql', async () => {
    // `generate` is typed `Promise<FileOutput[] | any>` (watch mode); without saving it returns the files.
    const outputs: { filename: string; content: string }[] = await generate(
      { ...config, silent: true },
      false,
    );
    expect(outputs.map((o) => o.filename)).toEqual(Object.keys(config.generates));
    for (const { filename, content } of outputs) {
      const committed = readFileSync(filename, 'utf8');
      expect(committed === content, `${filename} is stale: run \`npm run codegen -w dashboard\``).toBe(true);
    }
  }, 60_000);
});
