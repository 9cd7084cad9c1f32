/**
 * What the e2e check modules share, set up once by `run.ts`: the browser, the API serving the demo
 * snapshot and a planner token for it, each page's URL, and the demo warehouse.
 */
import type { RunningServer } from '@asn/api';
import type { Browser, BrowserContext } from 'playwright-core';
import type { PageId } from './browser.ts';

/** The run's setup, before the shared 1280 px context is opened. */
export interface E2eSetup {
  readonly browser: Browser;
  /** The real API on an ephemeral port (its `url`; its `api.reader` for the snapshot checks). */
  readonly server: RunningServer;
  /** A planner token (sees cohort, ROI and agency comparison) minted for this run only. */
  readonly plannerToken: string;
  /** Each page's URL (after the server's `/`), from the snapshot's agencies (`pageUrls`). */
  readonly urls: Record<PageId, string>;
  /** The demo warehouse the server reads (the snapshot checks publish into it). */
  readonly warehouseDir: string;
}

/** The setup plus the 1280 px planner context most checks open their pages in. */
export interface E2eEnv extends E2eSetup {
  readonly ctx: BrowserContext;
}
