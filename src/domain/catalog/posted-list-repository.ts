import type { PostedList } from "./schema.ts";

/**
 * The lists centers post, as their staff upload them in the chat: kept in the store, not in
 * data/, so that every instance shows them and a new release of data/ does not undo them.
 */
export interface PostedListRepository {
  /** The latest list of each commune that uploaded one. */
  all(): Promise<PostedList[]>;
  /** Replaces the commune's list. */
  set(list: PostedList): Promise<void>;
}
