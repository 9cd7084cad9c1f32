import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { FilterScope } from '../components/FilterBar.tsx';
import type { MessageKey } from '../i18n/messages.id.ts';

export type PageId = 'ringkasan' | 'partisipasi' | 'layanan' | 'kohort' | 'roi' | 'instansi' | 'kualitas';

export interface PageDef {
  readonly id: PageId;
  readonly title: MessageKey;
  readonly lead: MessageKey;
  /** Which global filters the page uses (see `FilterScope`); `none`: the page has its own controls. */
  readonly filters: FilterScope | 'none';
  /** The page's chunk; a failed load is tried again on the next `get()` (see `retryableLazy`). */
  readonly Component: RetryableLazy<ComponentType>;
}

export interface RetryableLazy<T extends ComponentType> {
  /**
   * The lazy component to render. The same one while its chunk loads or once it has loaded; after
   * a failed load a new one, whose first render calls `import()` afresh (React's `lazy` keeps a
   * rejected import forever, so a page whose chunk failed once would stay broken until a reload).
   */
  get(): LazyExoticComponent<T>;
}

/** `lazy(load)` that forgets a failed load, so navigating back or "Coba lagi" fetches the chunk again. */
export function retryableLazy<T extends ComponentType>(
  load: () => Promise<{ default: T }>,
  make: (load: () => Promise<{ default: T }>) => LazyExoticComponent<T> = lazy,
): RetryableLazy<T> {
  let current: LazyExoticComponent<T> | null = null;
  return {
    get() {
      if (current) return current;
      const made = make(() =>
        load().catch((error: unknown) => {
          if (current === made) current = null;
          throw error;
        }),
      );
      current = made;
      return made;
    },
  };
}

/**
 * Every page is its own chunk: the first load carries the shell only, and a phone on a slow link
 * fetches just the page it opens.
 */
export const PAGES: readonly PageDef[] = [
  {
    id: 'ringkasan',
    title: 'page.ringkasan',
    lead: 'page.ringkasan.lead',
    filters: 'yearly',
    Component: retryableLazy(() => import('../pages/RingkasanPage.tsx')),
  },
  {
    id: 'partisipasi',
    title: 'page.partisipasi',
    lead: 'page.partisipasi.lead',
    filters: 'all',
    Component: retryableLazy(() => import('../pages/PartisipasiPage.tsx')),
  },
  {
    id: 'layanan',
    title: 'page.layanan',
    lead: 'page.layanan.lead',
    filters: 'all',
    Component: retryableLazy(() => import('../pages/LayananPage.tsx')),
  },
  {
    id: 'kohort',
    title: 'page.kohort',
    lead: 'page.kohort.lead',
    filters: 'none',
    Component: retryableLazy(() => import('../pages/KohortPage.tsx')),
  },
  {
    id: 'roi',
    title: 'page.roi',
    lead: 'page.roi.lead',
    filters: 'none',
    Component: retryableLazy(() => import('../pages/RoiPage.tsx')),
  },
  {
    id: 'instansi',
    title: 'page.instansi',
    lead: 'page.instansi.lead',
    filters: 'year',
    Component: retryableLazy(() => import('../pages/InstansiPage.tsx')),
  },
  {
    id: 'kualitas',
    title: 'page.kualitas',
    lead: 'page.kualitas.lead',
    filters: 'none',
    Component: retryableLazy(() => import('../pages/KualitasPage.tsx')),
  },
];

export function pageById(id: string | null): PageDef {
  return PAGES.find((p) => p.id === id) ?? PAGES[0]!;
}
