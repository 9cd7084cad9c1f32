/** One clause of a page's answer in words, keyed for tests (`data-summary-part`). */
export interface SummaryPart {
  readonly key: string;
  readonly text: string;
}

/**
 * A page's (or section's) answer in words, above the cards whose figures it states: one callout
 * paragraph, its lead in bold, each clause a span named by its key. Nothing without parts.
 * `name` marks the paragraph for tests (`data-<name>-summary`).
 */
export function SummaryCallout({
  name,
  parts,
}: {
  readonly name: string;
  readonly parts: readonly SummaryPart[];
}) {
  if (parts.length === 0) return null;
  return (
    <p className="callout" {...{ [`data-${name}-summary`]: true }}>
      {parts.map((part, i) => (
        <span key={part.key} data-summary-part={part.key}>
          {i > 0 && ' '}
          {part.key === 'lead' ? <strong>{part.text}</strong> : part.text}
        </span>
      ))}
    </p>
  );
}
