import type { ComponentType, LazyExoticComponent } from 'react';
import { describe, expect, it } from 'vitest';
import { PAGES, retryableLazy } from './pages.ts';

type Load = () => Promise<{ default: ComponentType }>;
/** A stand-in for React's `lazy`: keeps the loader so the test can run it as React would. */
const fakeLazy = (load: Load) => ({ load }) as unknown as LazyExoticComponent<ComponentType>;
const loaderOf = (c: LazyExoticComponent<ComponentType>) => (c as unknown as { load: Load }).load;
const Page: ComponentType = () => null;

describe('retryableLazy', () => {
  it('keeps one component while the chunk loads and once it has loaded', async () => {
    let calls = 0;
    const lazyPage = retryableLazy(async () => {
      calls++;
      return { default: Page };
    }, fakeLazy);
    const first = lazyPage.get();
    expect(lazyPage.get()).toBe(first);
    await loaderOf(first)();
    expect(lazyPage.get()).toBe(first);
    expect(calls).toBe(1);
  });

  it('imports afresh after a failed load (the server was down, or the chunk is gone)', async () => {
    let calls = 0;
    let up = false;
    const lazyPage = retryableLazy(async () => {
      calls++;
      if (!up) throw new TypeError('Failed to fetch dynamically imported module');
      return { default: Page };
    }, fakeLazy);
    const failed = lazyPage.get();
    await expect(loaderOf(failed)()).rejects.toThrow(/Failed to fetch/);
    up = true;
    const retried = lazyPage.get();
    expect(retried).not.toBe(failed);
    await expect(loaderOf(retried)()).resolves.toEqual({ default: Page });
    expect(calls).toBe(2);
    expect(lazyPage.get()).toBe(retried);
  });

  it('every page is retryable', () => {
    for (const p of PAGES) expect(typeof p.Component.get).toBe('function');
  });
});
