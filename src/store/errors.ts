import { FileEntryError } from "../shared/file-entry-error.ts";

/**
 * A state file that cannot be read. Start-up stops with it rather than starting from empty
 * state and overwriting what was there.
 */
export class StateFileError extends FileEntryError {
  override name = "StateFileError";
}
