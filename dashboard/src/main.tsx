import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { SnapshotProvider } from './app/SnapshotContext.tsx';
import { createClient } from './graphql/client.ts';
import { LangProvider } from './i18n/LangContext.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createClient()}>
      <LangProvider>
        <SnapshotProvider>
          <App />
        </SnapshotProvider>
      </LangProvider>
    </ApolloProvider>
  </StrictMode>,
);
