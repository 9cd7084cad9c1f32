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
  readonly Component: LazyExoticComponent<ComponentType>;
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
    Component: lazy(() => import('../pages/RingkasanPage.tsx')),
  },
  {
    id: 'partisipasi',
    title: 'page.partisipasi',
    lead: 'page.partisipasi.lead',
    filters: 'all',
    Component: lazy(() => import('../pages/PartisipasiPage.tsx')),
  },
  {
    id: 'layanan',
    title: 'page.layanan',
    lead: 'page.layanan.lead',
    filters: 'all',
    Component: lazy(() => import('../pages/LayananPage.tsx')),
  },
  {
    id: 'kohort',
    title: 'page.kohort',
    lead: 'page.kohort.lead',
    filters: 'none',
    Component: lazy(() => import('../pages/KohortPage.tsx')),
  },
  {
    id: 'roi',
    title: 'page.roi',
    lead: 'page.roi.lead',
    filters: 'none',
    Component: lazy(() => import('../pages/RoiPage.tsx')),
  },
  {
    id: 'instansi',
    title: 'page.instansi',
    lead: 'page.instansi.lead',
    filters: 'year',
    Component: lazy(() => import('../pages/InstansiPage.tsx')),
  },
  {
    id: 'kualitas',
    title: 'page.kualitas',
    lead: 'page.kualitas.lead',
    filters: 'none',
    Component: lazy(() => import('../pages/KualitasPage.tsx')),
  },
];

export function pageById(id: string | null): PageDef {
  return PAGES.find((p) => p.id === id) ?? PAGES[0]!;
}
