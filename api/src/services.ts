import type { EtlLauncher } from './etl/etl-launcher.ts';
import type { MetricPort } from './metrics/metric-port.ts';

/** Process-wide dependencies the resolvers use; tests swap single members (e.g. a recording MetricPort). */
export interface ApiServices {
  readonly metrics: MetricPort;
  readonly etl: EtlLauncher;
  readonly warehouseDir: string;
  readonly limits: { readonly maxList: number };
  /** SUPPRESSION_MIN_N, JP_MINUTES: passed to every metric call. */
  readonly metricOptions: { readonly minN: number; readonly jpMinutes: number };
}
