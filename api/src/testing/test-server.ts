import type { Db } from '@asn/warehouse';
import { sha256Hex, TokenStore } from '../auth/token-store.ts';
import type { ApiEnv } from '../env.ts';
import type { EtlLauncher } from '../etl/etl-launcher.ts';
import type { MetricPort } from '../metrics/metric-port.ts';
import { warehouseMetrics } from '../metrics/warehouse-metrics.ts';
import type { OperationInfo } from '../server/create-api.ts';
import { type RunningServer, startServer } from '../server/start-server.ts';
import { fixtureWarehouse } from './fixture-snapshot.ts';
import { type MetricCall, recordingMetrics } from './recording-metrics.ts';

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly fields: Record<string, unknown>;
}

export const TOKENS = { analyst: 'tok-analyst', planner: 'tok-planner', admin: 'tok-admin' } as const;

export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly dir: string;
  readonly calls: MetricCall[];
  readonly launches: string[];
  /** What the fake ETL launcher's `isRunning` answers (false unless a test sets it). */
  readonly etlRunning: { value: boolean };
  /** One entry per executed operation: warehouse queries through its lease. */
  readonly operations: OperationInfo[];
  /** Every log line the server wrote (whatever LOG_LEVEL says), in order. */
  readonly logs: LogLine[];
  close(): Promise<void>;
}

/** A real HTTP server on an ephemeral port over a fresh fixture snapshot, with recorded metric calls. */
export async function startTestServer(
  config: Partial<ApiEnv> = {},
  wrap: (m: MetricPort) => MetricPort = (m) => m,
  /** Rows added to the fixture snapshot before it is published (`publishFixture`'s `extra`). */
  extra?: (db: Db) => Promise<void>,
): Promise<TestServer> {
  const warehouse = await fixtureWarehouse(extra);
  const { metrics, calls } = recordingMetrics(wrap(warehouseMetrics()));
  const launches: string[] = [];
  /** Whether the fake launcher reports a run going (`TestServer.etlRunning`). */
  const etlRunning = { value: false };
  const operations: OperationInfo[] = [];
  const logs: LogLine[] = [];
  const etl: EtlLauncher = {
    launch: (mode) => {
      launches.push(mode);
      return {
        launchId: 'test-launch',
        status: 'started',
        pid: 1,
        startedAt: new Date().toISOString(),
        mode,
        error: null,
      };
    },
    stop: async () => undefined,
    isRunning: () => etlRunning.value,
  };
  const server = await startServer({
    config: {
      PORT: 0,
      HOST: '127.0.0.1',
      WAREHOUSE_DIR: warehouse.dir,
      LOG_LEVEL: 'silent',
      DASHBOARD_DIR: `${warehouse.dir}/no-dashboard`,
      // Tests count metric calls around publishes: no background warm-up or polling unless asked.
      CACHE_WARM_ENTRIES: 0,
      SNAPSHOT_POLL_MS: 0,
      ...config,
    },
    metrics,
    etl,
    onOperationDone: (info) => operations.push(info),
    logger: { log: (level, msg, fields = {}) => void logs.push({ level, msg, fields }) },
    tokens: new TokenStore(
      Object.entries(TOKENS).map(([role, token]) => ({
        name: role,
        role: role as 'admin',
        sha256: sha256Hex(token),
      })),
    ),
  });
  return {
    server,
    url: server.url,
    dir: warehouse.dir,
    calls,
    launches,
    etlRunning,
    operations,
    logs,
    async close() {
      await server.close();
      await warehouse.cleanup();
    },
  };
}
