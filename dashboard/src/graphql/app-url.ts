/**
 * A URL of the API that serves this page, as a path beside the page's own (`graphql` →
 * `/asn/graphql` on a page at `/asn/`, `/graphql` at the root): the product may sit under a
 * reverse proxy's sub-path, so no request of the app names the host's root (deployment review of
 * 2026-12-07). Outside a browser (unit tests) the page is taken to be at the root.
 */
export function appUrl(path: string, base: string | undefined = globalThis.document?.baseURI): string {
  if (base === undefined) return `/${path}`;
  const url = new URL(path, base);
  return `${url.pathname}${url.search}`;
}
