/**
 * CPU limits for the instances of the load test, as a container's `cpus:` would set: a cgroup
 * with a CFS quota (cgroup v2's cpu.max, or v1's cpu.cfs_quota_us). Needs root; where cgroups
 * cannot be written, `cpuCaps` says so and instances run uncapped. Also the machine's busy share
 * from /proc/stat (Linux), to tell a saturated machine from a slow program.
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const V2 = "/sys/fs/cgroup";
const V1 = "/sys/fs/cgroup/cpu";

export interface CpuCap {
  /** Shell words that put the command they prefix in the cgroup, then run it. */
  prefix(command: string[]): string[];
  remove(): void;
}

/** Where cgroups with a CPU quota can be made here, and how the quota is written. */
function cgroupKind(): { root: string; limit: (dir: string, quota: number, period: number) => void } | undefined {
  const has = (file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  };
  if (has(join(V2, "cgroup.controllers"))?.split(/\s+/).includes("cpu")) {
    return { root: V2, limit: (dir, quota, period) => writeFileSync(join(dir, "cpu.max"), `${quota} ${period}`) };
  }
  if (has(join(V1, "cpu.cfs_quota_us")) !== undefined) {
    return { root: V1, limit: (dir, quota) => writeFileSync(join(dir, "cpu.cfs_quota_us"), String(quota)) };
  }
  return undefined;
}

/** A cgroup limited to `cpus` (e.g. 0.3 of one core), or undefined where none can be made here. */
export function cpuCap(name: string, cpus: number): CpuCap | undefined {
  const kind = cgroupKind();
  if (!kind) return undefined;
  const period = 100_000;
  const dir = join(kind.root, name);
  try {
    mkdirSync(dir, { recursive: true });
    kind.limit(dir, Math.round(cpus * period), period);
  } catch {
    return undefined; // not root, or controllers not delegated here
  }
  return {
    // The shell joins the group, then becomes the command: its children (tsx's esbuild) join too.
    prefix: (command) => ["sh", "-c", `echo $$ > ${join(dir, "cgroup.procs")} && exec "$@"`, "sh", ...command],
    remove: () => rmdirSync(dir),
  };
}

/** Busy and total CPU time of the whole machine so far (jiffies, all cores). */
export function machineCpu(): { busy: number; total: number } {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}
