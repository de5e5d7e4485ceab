import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { medianOfRuns } from "../stats.ts";
import { NATIONAL, writeNationalData } from "./data.ts";

const run = promisify(execFile);
const child = fileURLToPath(new URL("./child.ts", import.meta.url));

/** National targets from the issue: the report says for each whether it held. */
export const TARGETS = { startupMs: 3000, rssMB: 400, scopedP99Ms: 5, wholeP99Ms: 10, speedup: 5 };

interface SearchFigures {
  median: number;
  p99: number;
  top1: number;
  top3: number;
  offTopicFalsePositives: number;
  offTopicQueries: number;
}

/** What one start prints (bench/national/child.ts). */
export interface NationalFigures {
  startupMs: number;
  processReadyMs: number;
  rssAfterStartMB: number;
  peakRssMB: number;
  wholeCatalog: SearchFigures;
  communeScoped: SearchFigures;
  plainFuseWholeCatalog: SearchFigures;
  speedupMedian: number;
  speedupP99: number;
}

/**
 * Start-up, memory and search at national scale: a data folder of 3,321 communes, 2,000
 * procedures and 300 posted per commune is written once, then the app is started `runs` times,
 * each in a fresh process, and every figure is the median of those runs.
 */
export async function benchNational(shippedDir: string, runs = 3) {
  const dir = await mkdtemp(join(tmpdir(), "motcua-national-"));
  try {
    const dataDir = join(dir, "data");
    const { communes } = await writeNationalData(shippedDir, dataDir);
    const results: NationalFigures[] = [];
    for (let i = 0; i < runs; i++) {
      const stateDir = await mkdtemp(join(dir, "state-"));
      const { stdout } = await run(process.execPath, ["--expose-gc", "--import", "tsx", child, dataDir, stateDir], {
        maxBuffer: 1 << 20,
      });
      results.push(JSON.parse(stdout) as NationalFigures);
    }
    return { communes: communes.length, ...NATIONAL, runs, ...medianOfRuns(results) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
