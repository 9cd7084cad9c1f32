/** A tiny check runner: named checks, each pass/fail with its error, counted at the end. */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

export class Checks {
  readonly results: CheckResult[] = [];

  async run(name: string, fn: () => Promise<void>): Promise<boolean> {
    const started = performance.now();
    try {
      await fn();
      this.results.push({ name, ok: true, ms: Math.round(performance.now() - started) });
      console.log(`  ✓ ${name}`);
      return true;
    } catch (error) {
      const message =
        error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
      this.results.push({ name, ok: false, ms: Math.round(performance.now() - started), error: message });
      console.log(`  ✗ ${name}\n      ${message.replace(/\n/g, '\n      ')}`);
      return false;
    }
  }

  get passed(): number {
    return this.results.filter((r) => r.ok).length;
  }

  get failed(): number {
    return this.results.filter((r) => !r.ok).length;
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
