import { z } from "zod";
import type { StaffGrant, StaffRepository } from "../types.ts";
import { JsonDocument } from "./json-document.ts";

const grant = z.strictObject({
  userId: z.number().int(),
  communeCode: z.string().regex(/^\d{5}$/),
  grantedBy: z.number().int(),
  grantedAt: z.string(),
});
const staffFile = z.strictObject({ grants: z.array(grant) });
type StaffFile = z.infer<typeof staffFile>;

/** Staff grants in STATE_DIR/staff.json. Administrators come from ADMIN_IDS, not from here. */
export class LowStaffRepository implements StaffRepository {
  private constructor(private readonly doc: JsonDocument<StaffFile>) {}

  static async open(file: string): Promise<LowStaffRepository> {
    return new LowStaffRepository(await new JsonDocument(file, staffFile, { grants: [] }).open());
  }

  async grant(g: StaffGrant): Promise<void> {
    await this.doc.update((data) => {
      data.grants = [...data.grants.filter((x) => !(x.userId === g.userId && x.communeCode === g.communeCode)), g];
    });
  }

  async revoke(userId: number, communeCode: string): Promise<boolean> {
    const before = this.doc.data.grants.length;
    await this.doc.update((data) => {
      data.grants = data.grants.filter((x) => !(x.userId === userId && x.communeCode === communeCode));
    });
    return this.doc.data.grants.length < before;
  }

  async communesOf(userId: number): Promise<string[]> {
    return this.doc.data.grants.filter((g) => g.userId === userId).map((g) => g.communeCode);
  }

  async list(): Promise<StaffGrant[]> {
    return [...this.doc.data.grants];
  }
}
