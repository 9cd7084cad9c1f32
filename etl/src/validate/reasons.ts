import type { ReasonCode } from '@asn/warehouse';

export { REASON_CODES, type ReasonCode } from '@asn/warehouse';

/** A row that did not load, kept with everything needed to fix and replay it. */
export interface QuarantinedRow {
  readonly source: string;
  readonly table: string;
  /** 1-based line/row number in the source file or statement index; null when not applicable. */
  readonly rowNumber: number | null;
  /** The raw row as read (JSON text or the raw line). Admin-only: may hold personal data. */
  readonly raw: string;
  readonly reason: ReasonCode;
  readonly detail: string;
}
