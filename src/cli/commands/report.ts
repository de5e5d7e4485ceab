import type { RejectedRow } from "../../domain/imports/types.ts";

/** Prints an import's outcome: as JSON with --json, else as lines a person reads. */
export function printReport(
  report: { applied: boolean; rejected: RejectedRow[] } & Record<string, unknown>,
  json: boolean,
  summary: string,
): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  for (const r of report.rejected) process.stdout.write(`line ${r.line}: ${r.reason}\n`);
  process.stdout.write(`${summary}\n`);
}
