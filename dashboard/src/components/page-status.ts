import { Subscribable } from '../state/subscribable.ts';

/**
 * Where the page stands with its data: nothing asked yet (`idle`), some card waiting for its query
 * (`loading`), or every card answered (`done`).
 */
type LoadPhase = 'idle' | 'loading' | 'done';

/**
 * The cards and tiles on screen that wait for their data. Each registers while it waits, so the
 * page has ONE polite status that says "Memuat data…" while any of them loads and that the data
 * came once all have, instead of a live region per card (one filter change inserted eleven
 * "Memuat data…" statuses and announced no end: accessibility audit, SC 4.1.3). The cards show
 * their spinner without a live region (`Loading`), the page's `PageStatus` speaks for them.
 *
 * "Done" waits `settleMs` after the last card answers: a card whose query starts when another's
 * ends (a default cohort, then its comparison) keeps the page loading rather than announcing an
 * end and a new start.
 */
export class PageLoads extends Subscribable {
  #ids = new Set<symbol>();
  #phase: LoadPhase = 'idle';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly settleMs = 400) {
    super();
  }

  /** Registers one waiting card; the returned function removes it (when its data came or it left). */
  add(): () => void {
    const id = Symbol('loading');
    this.#ids.add(id);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#set('loading');
    return () => {
      if (!this.#ids.delete(id) || this.#ids.size > 0) return;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        if (this.#ids.size === 0) this.#set('done');
      }, this.settleMs);
    };
  }

  count = (): number => this.#ids.size;

  phase = (): LoadPhase => this.#phase;

  #set(phase: LoadPhase) {
    if (this.#phase === phase) return;
    this.#phase = phase;
    this.emit();
  }
}

/** The page's waiting cards (one page, one client). */
export const pageLoads = new PageLoads();

/**
 * The cards and tiles on screen that show an error (a role the reader lacks aside): each registers
 * while it shows one, so the page's status says, once every card has answered, how many parts failed
 * rather than "Data dimuat." (said before when every card of the page had timed out: slow-link review).
 */
export class PageFailures extends Subscribable {
  #ids = new Set<symbol>();

  /** Registers one failed card; the returned function removes it. */
  add(): () => void {
    const id = Symbol('failed');
    this.#ids.add(id);
    this.emit();
    return () => {
      if (this.#ids.delete(id)) this.emit();
    };
  }

  count = (): number => this.#ids.size;
}

/** The page's failed cards (one page, one client). */
export const pageFailures = new PageFailures();

/**
 * Notices that several cards would raise alike (a role the caller lacks, a token the server does not
 * know): each card showing one registers under its key (`forbidden:planner`), and only the first of
 * a key is the page's alert; the others show the same words without a live region, so a public
 * reader hears "Bagian ini memerlukan peran analis" once per page, not once per card.
 */
export class PageNotices extends Subscribable {
  #byKey = new Map<string, symbol[]>();

  /** Registers `id` under `key`; the returned function removes it. */
  add(key: string, id: symbol): () => void {
    const ids = this.#byKey.get(key) ?? [];
    if (!ids.includes(id)) {
      this.#byKey.set(key, [...ids, id]);
      this.emit();
    }
    return () => {
      const now = this.#byKey.get(key) ?? [];
      if (!now.includes(id)) return;
      const rest = now.filter((x) => x !== id);
      if (rest.length > 0) this.#byKey.set(key, rest);
      else this.#byKey.delete(key);
      this.emit();
    };
  }

  /** The card that carries the alert for `key` (the first registered), if any. */
  first = (key: string): symbol | undefined => this.#byKey.get(key)?.[0];
}

/** The page's role and token notices (one page, one client). */
export const pageNotices = new PageNotices();
