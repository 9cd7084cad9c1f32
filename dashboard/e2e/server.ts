import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type RunningServer, startServer, TokenStore, tokenEntry } from '@asn/api';

export interface E2eServer {
  readonly server: RunningServer;
  /** A planner token (sees cohort, ROI and agency comparison) minted for this run only. */
  readonly plannerToken: string;
}

/** The real API on an ephemeral port, serving the built dashboard and the demo snapshot. */
export async function startE2eServer(warehouseDir: string, dashboardDir: string): Promise<E2eServer> {
  const plannerToken = randomBytes(24).toString('base64url');
  const server = await startServer({
    config: {
      PORT: 0,
      HOST: '127.0.0.1',
      WAREHOUSE_DIR: warehouseDir,
      DASHBOARD_DIR: dashboardDir,
      LOG_LEVEL: 'warn',
      // Twice the default: CI runs the e2e beside the unit tests, which slow its API down up to
      // twice. The dashboard's own handling of a 504 is checked with a stand-in (slow-checks.ts).
      OPERATION_TIMEOUT_MS: 60_000,
    },
    tokens: new TokenStore([tokenEntry('e2e-planner', 'planner', plannerToken)]),
  });
  return { server, plannerToken };
}

// `tsx e2e/server.ts <warehouseDir>` serves a snapshot on a free port of 127.0.0.1 (prints its URL and token).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { fileURLToPath } = await import('node:url');
  const [dir] = process.argv.slice(2);
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  const { server, plannerToken } = await startE2eServer(dir ?? '/tmp/asn-e2e-data/warehouse', dist);
  console.log(`${server.url} token=${plannerToken}`);
}
