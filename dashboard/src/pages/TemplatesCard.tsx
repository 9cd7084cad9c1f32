import { useEffect, useState } from 'react';
import { ScrollBox } from '../components/ScrollBox.tsx';
import { ErrorState, Loading } from '../components/StateView.tsx';
import { appUrl } from '../graphql/app-url.ts';
import { useLang } from '../i18n/LangContext.tsx';
import type { Lang } from '../i18n/lang.ts';

/** One table of `/templates/index.json`. */
interface TemplateRow {
  readonly table: string;
  /** What one row is, in English. */
  readonly grain: string;
  /** The same in Bahasa Indonesia; absent from an index written before the ETL added it. */
  readonly grainId?: string;
  readonly csv: string;
  readonly xlsx: string;
}

/** `/templates/index.json` as the ETL writes it. */
interface TemplateIndex {
  readonly tables: readonly TemplateRow[];
}

/**
 * What one row of a template is, in the UI language: the Indonesian text when the UI is Indonesian,
 * the English otherwise. An index written before the Indonesian existed (no ETL run since) has only
 * the English: shown as such, with its `lang` so a screen reader reads it in English.
 */
export function templateGrain(row: TemplateRow, lang: Lang): { readonly text: string; readonly lang: Lang } {
  if (lang === 'id' && row.grainId?.trim()) return { text: row.grainId, lang: 'id' };
  return { text: row.grain, lang: 'en' };
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
  const { t, lang } = useLang();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    void attempt; // a retry (attempt + 1) fetches again
    fetch(appUrl('templates/index.json'), { signal: abort.signal })
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
        <ScrollBox label={t('kualitas.templates')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('kualitas.table')}</th>
                <th scope="col">{t('kualitas.templateGrain')}</th>
                <th scope="col">{t('kualitas.templateDownload')}</th>
              </tr>
            </thead>
            <tbody>
              {state.index.tables.map((row) => {
                const grain = templateGrain(row, lang);
                return (
                  <tr key={row.table}>
                    <th scope="row">
                      <code>{row.table}</code>
                    </th>
                    <td lang={grain.lang === lang ? undefined : grain.lang}>{grain.text}</td>
                    <td className="template-links">
                      <a href={appUrl(`templates/${row.csv}`)} download>
                        CSV
                      </a>{' '}
                      ·{' '}
                      <a href={appUrl(`templates/${row.xlsx}`)} download>
                        XLSX
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
