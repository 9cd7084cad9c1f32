import { describe, expect, it } from 'vitest';
import { parseEtlArgs } from './etl-args.ts';

describe('npm run etl arguments', () => {
  it('reads sources, folders and the mode', () => {
    expect(parseEtlArgs([])).toEqual({ help: false, sources: ['postgres'] });
    expect(parseEtlArgs(['--source', 'postgres,files', '--files', '/tmp/drops', '--full'])).toEqual({
      help: false,
      sources: ['postgres', 'files'],
      mode: 'full',
      filesDir: '/tmp/drops',
    });
    expect(parseEtlArgs(['--source', 'xapi', '--xapi', 'a.json', '--xapi', 'b.ndjson'])).toEqual({
      help: false,
      sources: ['xapi'],
      xapiPaths: ['a.json', 'b.ndjson'],
    });
    expect(parseEtlArgs(['--full', '--discard-drops'])).toMatchObject({ mode: 'full', carryDrops: false });
  });

  it('a source without its folder or files is refused', () => {
    expect(() => parseEtlArgs(['--source', 'files'])).toThrow('--source files needs --files <dir>');
    expect(() => parseEtlArgs(['--source', 'xapi'])).toThrow('--source xapi needs --xapi <file>');
  });

  it('--files or --xapi without its --source is refused, not ignored (it ran PostgreSQL only)', () => {
    expect(() => parseEtlArgs(['--files', '/tmp/drops'])).toThrow(
      "--files is read only with --source files (this run's sources: postgres); add it, e.g. --source files --files … or --source postgres,files --files …",
    );
    expect(() => parseEtlArgs(['--source', 'files', '--files', 'd', '--xapi', 's.json'])).toThrow(
      /^--xapi is read only with --source xapi .* --source files,xapi --xapi …$/,
    );
  });
});
