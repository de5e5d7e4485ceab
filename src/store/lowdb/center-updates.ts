import { z } from "zod";
import type { CenterUpdate, CenterUpdateRepository } from "../types.ts";
import { JsonDocument } from "./json-document.ts";

const update = z.strictObject({
  address: z.string().min(1).optional(),
  hours: z.string().min(1).optional(),
  location: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  phone: z.string().min(1).optional(),
  updatedBy: z.number().int(),
  updatedAt: z.string(),
});
const updatesFile = z.record(z.string().regex(/^\d{5}$/), update);
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
