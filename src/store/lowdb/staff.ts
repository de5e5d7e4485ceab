import { z } from "zod";
import type { StaffRepository } from "../../domain/staff/repository.ts";
import { type StaffGrant, staffGrantSchema } from "../../domain/staff/staff-grant.ts";
import { JsonDocument } from "./json-document.ts";

const staffFile = z.strictObject({ grants: z.array(staffGrantSchema) });
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
