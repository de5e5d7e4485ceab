import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

/** Temporary folders for the tests of a file (`motcua-<prefix>-…`), removed after each test. */
export function tempDirsPerTest(prefix: string): () => Promise<string> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), `motcua-${prefix}-`));
    dirs.push(dir);
    return dir;
  };
}
