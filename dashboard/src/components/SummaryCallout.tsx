import { useRef } from 'react';

/** One clause of a page's answer in words, keyed for tests (`data-summary-part`). */
export interface SummaryPart {
  readonly key: string;
  readonly text: string;
}

/**
 * A page's (or section's) answer in words, above the cards whose figures it states: one callout
 * paragraph, its lead in bold, each clause a span named by its key. Nothing without parts.
 * `name` marks the paragraph for tests (`data-<name>-summary`). While `loading` (new filters, the
 * answers it states asked again) the last parts shown stay in place, dimmed, inert and
 * `aria-busy`, as the cards keep their charts (ChartCard): the callout vanishing and coming back
 * moved the page under the reader (slow-link review of 2026-12-07).
 */
export function SummaryCallout({
  name,
  parts,
  loading = false,
}: {
  readonly name: string;
  readonly parts: readonly SummaryPart[];
  readonly loading?: boolean;
}) {
  const last = useRef<readonly SummaryPart[]>([]);
  if (!loading) last.current = parts;
  const stale = loading && parts.length === 0 && last.current.length > 0;
  const shown = stale ? last.current : parts;
  if (shown.length === 0) return null;
  return (
    <p
      className={stale ? 'callout card-stale' : 'callout'}
      {...{ [`data-${name}-summary`]: true }}
      {...(stale ? { 'data-stale': true, 'aria-busy': true, inert: true } : {})}
    >
      {shown.map((part, i) => (
        <span key={part.key} data-summary-part={part.key}>
          {i > 0 && ' '}
          {part.key === 'lead' ? <strong>{part.text}</strong> : part.text}
        </span>
      ))}
    </p>
  );
}
