/**
 * A state file that cannot be read. Start-up stops with it rather than starting from empty
 * state and overwriting what was there.
 */
export class StateFileError extends Error {
  constructor(
    readonly file: string,
    readonly entry: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: entry ${entry}, field ${field || "(whole entry)"}: ${problem}`);
    this.name = "StateFileError";
  }
}
