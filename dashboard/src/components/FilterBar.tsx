import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useSnapshot, useSnapshotIdText } from '../app/SnapshotContext.tsx';
import { formatDate, formatDateTime } from '../format/format.ts';
import { CatalogQuery, KelurahanCatalogQuery } from '../graphql/operations.ts';
import { useLang } from '../i18n/LangContext.tsx';
import { GRAINS, type Grain } from '../state/domain.ts';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  type ListField,
  parseFilters,
  writeFilters,
} from '../state/filters.ts';
import {
  type KnownValues,
  type UnknownValues,
  unknownFilterValues,
  withoutUnknown,
} from '../state/unknown-filters.ts';
import { navigate, useSearch } from '../state/url-store.ts';
import { useFilters } from '../state/use-filters.ts';
import { partialYear, yearOptions, yearsOutsideSpan } from '../state/years.ts';
import { filterListOptions } from './filter-options.ts';
import { filterSummary } from './filter-summary.ts';
import { MultiSelect } from './MultiSelect.tsx';

/**
 * Which global filters a page offers: `all`; `yearly` (all but the time grain: the page compares
 * whole years); `year` (one year, the "to" year: the page shows a single year).
 */
export type FilterScope = 'all' | 'yearly' | 'year';

/** The global filters. Every change pushes a URL, so back/forward undo it and links share it. */
export function FilterBar({ scope }: { scope: FilterScope }) {
  const { t, lang } = useLang();
  const [filters, setFilters] = useFilters();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  // Where focus goes when a button in a notice below removes the notice with itself ("Tutup",
  // "Pakai tahun snapshot"): the bar's heading, always there, not the page's <body>.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = () => headingRef.current?.focus();
  const lists = scope !== 'year';
  const { data } = useQuery(CatalogQuery, { skip: !lists });
  const snapshot = useSnapshot();
  const span = snapshot?.years;
  const partial = partialYear(span, snapshot?.coverage);
  // The snapshot's years, plus a year a shared link names outside them (so the select shows it).
  const years = useMemo(() => {
    const chosen = [filters.fromYear, filters.toYear].filter((y): y is number => y !== null);
    return [...new Set([...yearOptions(span), ...chosen])].sort((a, b) => a - b);
  }, [span, filters.fromYear, filters.toYear]);

  // The kelurahan list is only for the lists; it is its own query so the catalogue does not wait on it.
  const { data: kelurahan } = useQuery(KelurahanCatalogQuery, { skip: !lists });
  const listOptions = useMemo(() => filterListOptions(t, data, kelurahan), [data, kelurahan, t]);

  // A shared link naming a code this snapshot does not know (an agency renamed, a typo, a kelurahan): the API
  // would refuse every card, so once the catalogue is known the code is dropped from the URL (in
  // place, so back does not return to the broken link) and the bar says which were dropped.
  const known = useMemo<KnownValues>(
    () =>
      data
        ? {
            agencies: data.agencies.map((a) => a.code),
            programs: data.programs.map((p) => p.code),
            serviceTypes: (listOptions.serviceTypes ?? []).map((o) => o.value),
            // Once its own query has come (empty until then: not judged). An unknown kelurahan
            // stayed in the URL and refused every service card (revDash2).
            kelurahan: (listOptions.kelurahan ?? []).map((o) => o.value),
          }
        : {},
    [data, listOptions],
  );
  const unknown = useMemo(() => unknownFilterValues(filters, known), [filters, known]);
  const search = useSearch();
  const page = search.get('page');
  // A shared link is read as `parseFilters` reads it (years in order, lists sorted and without
  // repeats, malformed values dropped); the address bar is made to say the same, in place, so one
  // view has one URL (`from=2025&to=2021` stayed in the bar until a review of 2026-12-05).
  const query = search.toString();
  useEffect(() => {
    const current = new URLSearchParams(query);
    navigate(writeFilters(current, parseFilters(current)), { replace: true });
  }, [query]);
  const [dropped, setDropped] = useState<{ page: string | null; values: UnknownValues } | null>(null);
  useEffect(() => {
    if (Object.keys(unknown).length === 0) return;
    setDropped({ page, values: unknown });
    navigate(writeFilters(new URLSearchParams(window.location.search), withoutUnknown(filters, unknown)), {
      replace: true,
    });
  }, [unknown, filters, page]);
  const droppedText =
    dropped && dropped.page === page
      ? (Object.entries(dropped.values) as [ListField, string[]][])
          .map(([field, values]) => `${t(`filter.${field}`)}: ${values.join(', ')}`)
          .join('; ')
      : '';

  const yearSelect = (key: 'fromYear' | 'toYear', label: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <select
        name={key}
        value={filters[key] ?? ''}
        onChange={(e) =>
          setFilters({ ...filters, [key]: e.currentTarget.value ? Number(e.currentTarget.value) : null })
        }
      >
        <option value="">
          {/* One year: the empty choice is the snapshot's last year, never "all" (not even before, or
              without, a snapshot: an unknown token). */}
          {scope !== 'year'
            ? t('filter.all')
            : span
              ? t('filter.latest', { year: span.last })
              : t('filter.latestUnknown')}
        </option>
        {years.map((y) => (
          <option key={y} value={y}>
            {partial?.year === y
              ? t('years.partialOption', { year: y, through: formatDate(partial.through, lang) })
              : y}
          </option>
        ))}
      </select>
    </label>
  );

  // A shared link may name years the snapshot does not cover: say so, and offer its years.
  const shown = scope === 'year' ? [filters.toYear] : [filters.fromYear, filters.toYear];
  const outside = yearsOutsideSpan(shown, span);
  const active = activeFilterCount(filters);
  // On paper the panel is folded and its controls gone: the print says the filters in words, with
  // the snapshot and the print date (`filterSummary`).
  const summary = filterSummary(t, lang, {
    filters,
    scope,
    options: lists ? listOptions : {},
    span,
    partial,
  });
  const snapshotId = useSnapshotIdText(t('snapshot.loading'));
  const printedAt = usePrintTime();
  return (
    <section className="filter-bar" aria-label={t('filter.title')}>
      <div className="filter-head">
        <h2 className="filter-title" ref={headingRef} tabIndex={-1}>
          {t('filter.title')}
        </h2>
        {lists && active > 0 && (
          <span className="badge">
            {active === 1 ? t('filter.activeOne') : t('filter.active', { n: active })}
          </span>
        )}
        <button
          type="button"
          className="btn btn-small filter-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((v) => !v)}
        >
          {open ? t('filter.hide') : t('filter.show')}
        </button>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setFilters(EMPTY_FILTERS)}>
          {t('filter.reset')}
        </button>
      </div>
      <p className="print-only filter-print" data-print-filters>
        <strong>{t('filter.printTitle')}:</strong> {summary.join(' · ')} ·{' '}
        {t('filter.printSnapshot', { id: snapshotId })} ·{' '}
        {t('filter.printDate', { date: formatDateTime(printedAt, lang) })}
      </p>
      <div id={panelId} className={`filter-grid${open ? ' open' : ''}`}>
        {scope === 'year' ? (
          yearSelect('toYear', t('filter.year'))
        ) : (
          <>
            {yearSelect('fromYear', t('filter.from'))}
            {yearSelect('toYear', t('filter.to'))}
          </>
        )}
        {scope === 'all' && (
          <label className="field">
            <span className="field-label">{t('filter.grain')}</span>
            <select
              name="grain"
              value={filters.grain}
              onChange={(e) => setFilters({ ...filters, grain: e.currentTarget.value as Grain })}
            >
              {GRAINS.map((g) => (
                <option key={g} value={g}>
                  {t(`grain.${g}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {lists &&
          (Object.keys(listOptions) as ListField[]).map((field) => (
            <MultiSelect
              key={field}
              name={field}
              label={t(`filter.${field}`)}
              options={listOptions[field]}
              selected={filters[field]}
              onChange={(next) => setFilters({ ...filters, [field]: next })}
            />
          ))}
      </div>
      {droppedText && (
        <p className="callout warn" role="status" data-dropped-unknown>
          {t('filter.droppedUnknown', { list: droppedText })}{' '}
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => {
              setDropped(null);
              focusHeading();
            }}
          >
            {t('filter.droppedDismiss')}
          </button>
        </p>
      )}
      {span && outside.length > 0 && (
        <p className="callout warn" role="status" data-years-outside>
          {t('years.outside', { years: outside.join(', '), first: span.first, last: span.last })}{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setFilters({
                ...filters,
                fromYear: outside.includes(filters.fromYear ?? Number.NaN) ? null : filters.fromYear,
                toYear: outside.includes(filters.toYear ?? Number.NaN) ? null : filters.toYear,
              });
              focusHeading();
            }}
          >
            {t('years.outsideFix')}
          </button>
        </p>
      )}
    </section>
  );
}

/** Now, and again when the page is about to be printed (a page left open for days prints today's date). */
function usePrintTime(): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const update = () => setNow(new Date().toISOString());
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, []);
  return now;
}
