import { useEffect, useState } from 'react';
import { ErrorState, Loading } from '../components/StateView.tsx';
import { useLang } from '../i18n/LangContext.tsx';

/** `/templates/index.json` as the ETL writes it. */
interface TemplateIndex {
  readonly tables: readonly { table: string; grain: string; csv: string; xlsx: string }[];
}

type State =
  | { readonly kind: 'loading' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'error'; readonly error: Error }
  | { readonly kind: 'ready'; readonly index: TemplateIndex };

/**
 * Blank file-drop templates (CSV and XLSX per source table, generated from the source catalog by the
 * ETL) for agencies that keep spreadsheets: fill one in, drop it where the ETL reads files.
 */
export function TemplatesCard() {
  const { t } = useLang();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    void attempt; // a retry (attempt + 1) fetches again
    fetch('/templates/index.json', { signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const index = (await res.json()) as TemplateIndex;
        // An empty list: no ETL run has written the templates yet.
        setState(index.tables.length ? { kind: 'ready', index } : { kind: 'missing' });
      })
      .catch((error: Error) => {
        if (!abort.signal.aborted) setState({ kind: 'error', error });
      });
    return () => abort.abort();
  }, [attempt]);

  return (
    <section className="card wide" aria-labelledby="templates-h" data-templates>
      <h2 id="templates-h">{t('kualitas.templates')}</h2>
      <p className="muted">{t('kualitas.templatesLead')}</p>
      {state.kind === 'loading' && <Loading />}
      {state.kind === 'missing' && <p className="muted">{t('kualitas.templatesMissing')}</p>}
      {state.kind === 'error' && <ErrorState error={state.error} onRetry={() => setAttempt((a) => a + 1)} />}
      {state.kind === 'ready' && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('kualitas.table')}</th>
                <th scope="col">{t('kualitas.templateGrain')}</th>
                <th scope="col">{t('kualitas.templateDownload')}</th>
              </tr>
            </thead>
            <tbody>
              {state.index.tables.map((row) => (
                <tr key={row.table}>
                  <th scope="row">
                    <code>{row.table}</code>
                  </th>
                  <td>{row.grain}</td>
                  <td className="template-links">
                    <a href={`/templates/${row.csv}`} download>
                      CSV
                    </a>{' '}
                    ·{' '}
                    <a href={`/templates/${row.xlsx}`} download>
                      XLSX
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
