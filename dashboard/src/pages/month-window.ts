/**
 * Analysis windows (Kohort, ROI) are whole months: the API refuses a `from` that is not the first
 * day of a month, or a `to` that is not the last day of one (RANGE_NOT_ALIGNED). The forms keep
 * their date pickers and widen what is typed to the months it touches, saying so.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function ym(iso: string): { y: number; m: number } | null {
  const match = ISO.exec(iso);
  return match ? { y: Number(match[1]), m: Number(match[2]) } : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** First day of the month of an ISO date (unchanged when it is not one). */
export function monthStart(iso: string): string {
  const d = ym(iso);
  return d ? `${pad(d.y, 4)}-${pad(d.m)}-01` : iso;
}

/** Last day of the month of an ISO date (unchanged when it is not one). */
export function monthEnd(iso: string): string {
  const d = ym(iso);
  // Day 0 of the next month is the last day of this one (UTC: no time zone can shift it).
  return d ? `${pad(d.y, 4)}-${pad(d.m)}-${pad(new Date(Date.UTC(d.y, d.m, 0)).getUTCDate())}` : iso;
}

/** The whole months a typed window touches: from the first day of `from`'s month to the last of `to`'s. */
export function wholeMonths(window: { readonly from: string; readonly to: string }): {
  from: string;
  to: string;
} {
  return { from: monthStart(window.from), to: monthEnd(window.to) };
}

/** True when `from` starts a month and `to` ends one (an empty date counts as aligned: nothing to widen). */
export function isWholeMonths(window: { readonly from: string; readonly to: string }): boolean {
  const w = wholeMonths(window);
  return w.from === window.from && w.to === window.to;
}

const shiftDay = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The whole-month dates either side of a day, as the API's RANGE_NOT_ALIGNED names them: for a
 * window's `start`, its month's first day and the next month's; for its `end`, the previous month's
 * last day and its month's.
 */
export function wholeMonthsAround(edge: 'start' | 'end', day: string): { earlier: string; later: string } {
  const start = monthStart(day);
  if (edge === 'start') return { earlier: start, later: monthStart(shiftDay(monthEnd(day), 1)) };
  return { earlier: monthEnd(shiftDay(start, -1)), later: monthEnd(day) };
}
