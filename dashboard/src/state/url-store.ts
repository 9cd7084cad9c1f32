import { useSyncExternalStore } from 'react';

/**
 * The URL's query string as React state. `history.pushState` fires no event, so `navigate` emits
 * one itself; `popstate` covers back/forward. Every component reads the same string, so a filter
 * change and the charts depending on it update in one render.
 */
const CHANGE = 'asn:urlchange';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const getSearch = () => window.location.search;

export function useSearch(): URLSearchParams {
  const search = useSyncExternalStore(subscribe, getSearch, () => '');
  return new URLSearchParams(search);
}

/** Pushes (or replaces) the query string; a new entry per change keeps back/forward meaningful. */
export function navigate(params: URLSearchParams, options: { replace?: boolean } = {}): void {
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(CHANGE));
}

/** Several parameters at once (one history entry for one user action). */
export function updateSearch(changes: Record<string, string | null>): void {
  const p = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') p.delete(key);
    else p.set(key, value);
  }
  navigate(p);
}
