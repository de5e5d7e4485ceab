import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PostedListRepository } from "../../domain/catalog/posted-list-repository.ts";
import { type PostedList, postedList } from "../../domain/catalog/schema.ts";
import { parseStateFile } from "./parse-state-file.ts";
import { makeStateDir, writeStateFile } from "./state-files.ts";

/**
 * Posted lists staff uploaded, one file per commune (STATE_DIR/posted-lists/<commune>.json):
 * a list of some hundred procedures is replaced whole, and one commune's upload rewrites no
 * other's.
 */
export class LowPostedListRepository implements PostedListRepository {
  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<LowPostedListRepository> {
    await makeStateDir(dir);
    return new LowPostedListRepository(dir);
  }

  async all(): Promise<PostedList[]> {
    const names = (await readdir(this.dir)).filter((name) => /^\d{5}\.json$/.test(name)).sort();
    return Promise.all(
      names.map(async (name) => {
        const file = join(this.dir, name);
        return parseStateFile(file, await readFile(file, "utf8"), postedList);
      }),
    );
  }

  async set(list: PostedList): Promise<void> {
    await writeStateFile(join(this.dir, `${list.commune}.json`), JSON.stringify(list));
  }
}
