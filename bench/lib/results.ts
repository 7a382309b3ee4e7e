/** The shape of one `npm run bench` run: raw samples per figure, written to bench/.tmp/results.json and BENCHMARKS.md. */
import type { Machine } from './machine';
import type { FirstRouteJs } from '../bundle';
import type { MicroResult } from '../browser/micro';
import type { ColdStart } from '../browser/cold-start';
import type { Calibration } from '../browser/calibrate';
import type { SyncRound } from '../sync/compare';
import type { IngestRun } from '../ingest';

export interface SectionMeta { ms: number; loadBefore: number; loadAfter: number; error?: string }

export interface Results {
  machine: Machine;
  config: Record<string, number | string | boolean>;
  sections: Record<string, SectionMeta>;
  bundle?: FirstRouteJs;
  micro?: MicroResult;
  coldStart?: ColdStart[];
  /** The same cold start on a phone's screen (360 × 760 at 2×, touch), interleaved with the first runs of coldStart. */
  coldPhone?: ColdStart[];
  /** A tiny page on a fresh process, same throttle: the browser's own floor under coldStart. */
  coldFloor?: ColdStart[];
  /** The phone-screen start at the throttle that makes this host score like a low-tier phone (calibration). */
  coldLowTier?: ColdStart[];
  calibration?: Calibration;
  sync?: SyncRound[];
  ingest?: { sqlite?: IngestRun[]; postgres?: IngestRun[]; postgresVersion?: string; postgresSkipped?: string };
}
