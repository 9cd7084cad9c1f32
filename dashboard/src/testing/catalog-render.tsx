import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Observable } from 'rxjs';
import { createCache } from '../graphql/client.ts';
import { CatalogQuery } from '../graphql/operations.ts';
import type { Agency, Program } from '../graphql/types.ts';
import { LangProvider } from '../i18n/LangContext.tsx';

/**
 * `node` rendered to markup as on first paint, in Indonesian (the default language without a
 * browser's storage), under a client whose cached catalog holds these programs and agencies
 * (programs null: the catalog still loading). Nothing else ever answers.
 */
export function renderWithCatalog(
  node: ReactNode,
  programs: readonly Program[] | null,
  agencies: readonly Agency[] = [],
): string {
  const client = new ApolloClient({
    link: new ApolloLink(() => new Observable(() => {})),
    cache: createCache(),
  });
  if (programs)
    client.writeQuery({
      query: CatalogQuery,
      data: { agencies: [...agencies], programs: [...programs], serviceTypes: { rows: [] } },
    });
  return renderToStaticMarkup(
    <ApolloProvider client={client}>
      <LangProvider>{node}</LangProvider>
    </ApolloProvider>,
  );
}

/** `node` rendered to markup as on first paint, in Indonesian, under a client nothing ever answers. */
export function renderStatic(node: ReactNode): string {
  return renderWithCatalog(node, null);
}
