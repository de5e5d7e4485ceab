import { z } from "zod";
import { type DossierFollower, dossierFollowerSchema } from "../../domain/dossiers/follower.ts";
import type { Locale } from "../../domain/locale.ts";
import { ownValue } from "../../shared/own.ts";
import { JsonDocument } from "./json-document.ts";

/** Stored under its dossier's code: the code is the key, not a field. */
export const follower = dossierFollowerSchema.omit({ code: true });
export type FollowersByCode = Record<string, z.infer<typeof follower>[]>;
const followersFile = z.strictObject({ followers: z.record(z.string(), z.array(follower)) });

/**
 * Who follows which dossier, in STATE_DIR/dossier-followers.json: a document of its own, as small
 * as the number of followers, so that following a dossier never rewrites the dossiers.
 */
export class LowDossierFollowers {
  private constructor(private readonly doc: JsonDocument<{ followers: FollowersByCode }>) {}

  static async open(file: string): Promise<LowDossierFollowers> {
    return new LowDossierFollowers(await new JsonDocument(file, followersFile, { followers: {} }).open());
  }

  of(code: string): readonly { chatId: number; locale: Locale }[] {
    return ownValue(this.doc.data.followers, code) ?? [];
  }

  async add(code: string, chatId: number, locale: Locale): Promise<void> {
    await this.doc.update((data) => {
      const others = (ownValue(data.followers, code) ?? []).filter((f) => f.chatId !== chatId);
      data.followers[code] = [...others, { chatId, locale }];
    });
  }

  async remove(code: string, chatId: number): Promise<void> {
    await this.doc.update((data) => {
      const rest = (ownValue(data.followers, code) ?? []).filter((f) => f.chatId !== chatId);
      if (rest.length > 0) data.followers[code] = rest;
      else delete data.followers[code];
    });
  }

  /**
   * Takes in the followers an older dossiers.json held, before it is written without them: a
   * crash in between takes them in again at the next start, and taking in twice changes nothing.
   */
  async takeIn(legacy: FollowersByCode): Promise<void> {
    await this.doc.update((data) => {
      for (const [code, list] of Object.entries(legacy)) {
        const known = new Set((ownValue(data.followers, code) ?? []).map((f) => f.chatId));
        data.followers[code] = [...(ownValue(data.followers, code) ?? []), ...list.filter((f) => !known.has(f.chatId))];
      }
    });
  }

  codes(): string[] {
    return Object.keys(this.doc.data.followers);
  }

  all(): DossierFollower[] {
    return Object.entries(this.doc.data.followers).flatMap(([code, list]) => list.map((f) => ({ code, ...f })));
  }
}
