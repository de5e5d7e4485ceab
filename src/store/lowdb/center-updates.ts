import { z } from "zod";
import {
  type CenterUpdate,
  type CenterUpdateRepository,
  centerUpdateSchema,
} from "../../domain/communes/center-update.ts";
import { JsonDocument } from "./json-document.ts";

const updatesFile = z.record(z.string().regex(/^\d{5}$/), centerUpdateSchema);
type UpdatesFile = z.infer<typeof updatesFile>;

/** Center changes made by staff, in STATE_DIR/center-updates.json; data/ is never touched. */
export class LowCenterUpdateRepository implements CenterUpdateRepository {
  private constructor(private readonly doc: JsonDocument<UpdatesFile>) {}

  static async open(file: string): Promise<LowCenterUpdateRepository> {
    return new LowCenterUpdateRepository(await new JsonDocument(file, updatesFile, {}).open());
  }

  async all(): Promise<Record<string, CenterUpdate>> {
    return structuredClone(this.doc.data);
  }

  async set(communeCode: string, u: CenterUpdate): Promise<void> {
    await this.doc.update((data) => {
      data[communeCode] = u;
    });
  }
}
