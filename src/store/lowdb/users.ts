import { z } from "zod";
import type { UserRepository } from "../../domain/users/repository.ts";
import { type UserProfile, userProfileSchema } from "../../domain/users/user-profile.ts";
import { JsonDocument } from "./json-document.ts";

const usersFile = z.strictObject({ users: z.record(z.string().regex(/^\d+$/), userProfileSchema) });
type UsersFile = z.infer<typeof usersFile>;

/** Profiles in STATE_DIR/users.json: small, rewritten on each change. */
export class LowUserRepository implements UserRepository {
  private constructor(private readonly doc: JsonDocument<UsersFile>) {}

  static async open(file: string): Promise<LowUserRepository> {
    return new LowUserRepository(await new JsonDocument(file, usersFile, { users: {} }).open());
  }

  async get(userId: number): Promise<UserProfile | undefined> {
    return this.doc.data.users[String(userId)];
  }

  async update(userId: number, patch: Partial<UserProfile>): Promise<UserProfile> {
    await this.doc.update((data) => {
      data.users[String(userId)] = { ...data.users[String(userId)], ...patch };
    });
    return this.doc.data.users[String(userId)] as UserProfile;
  }

  async *all(): AsyncIterable<{ id: number; profile: UserProfile }> {
    for (const [id, profile] of Object.entries(this.doc.data.users)) yield { id: Number(id), profile };
  }

  async noticeAudience(communeCode: string, oldUnitCodes?: readonly string[]): Promise<number[]> {
    const old = oldUnitCodes && oldUnitCodes.length > 0 ? new Set(oldUnitCodes) : undefined;
    return Object.entries(this.doc.data.users)
      .filter(([, p]) => p.communeCode === communeCode && p.notices && !p.inactive)
      .filter(([, p]) => !old || (p.oldUnitCode !== undefined && old.has(p.oldUnitCode)))
      .map(([id]) => Number(id));
  }
}
