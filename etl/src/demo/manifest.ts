import { writeFile } from 'node:fs/promises';
import type { SourceTableName } from '../source-schema/catalog.ts';

/**
 * The demo world's answer key: how it was made (seed, scale, conventions) and, for every
 * planted effect, its true parameters and the realised value the analytics should recover.
 */
export const MANIFEST_VERSION = 1;

export interface PlantedEffect {
  readonly id: string;
  readonly description: string;
  readonly parameters: Record<string, unknown>;
  /** What actually happened in this draw: the numbers an estimator is scored against. */
  readonly truth: Record<string, unknown>;
}

export interface DemoManifest {
  readonly version: number;
  readonly generator: string;
  readonly seed: string | number;
  readonly scale: number;
  readonly world: Record<string, string>;
  readonly conventions: Record<string, string>;
  readonly counts: Partial<Record<SourceTableName, number>>;
  readonly effects: readonly PlantedEffect[];
}

export async function writeManifest(path: string, manifest: DemoManifest): Promise<void> {
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
