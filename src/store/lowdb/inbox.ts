import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { applyReport, dossierReportSchema, type ReportOutcome } from "../../domain/dossiers/report.ts";
import type { DossierRepository } from "../../domain/dossiers/repository.ts";
import type { SubmitReports } from "../../domain/dossiers/submit.ts";
import { runningBotPid } from "./instance-lock.ts";
import { makeStateDir, writeStateFile } from "./state-files.ts";

/** Reports waiting for the running bot: STATE_DIR/inbox/<time>-<id>.json. */
const inboxDir = (stateDir: string) => join(stateDir, "inbox");

/**
 * How another process (a command-line import) hands reports to the embedded store: applied
 * directly when no bot runs on this state folder; otherwise written atomically to the inbox,
 * which the running bot (the only writer of its files) applies within seconds. The outcomes of
 * a queued import are computed against the current state, read-only.
 */
export function inboxSubmitter(stateDir: string, dossiers: DossierRepository): SubmitReports {
  return async (reports, now) => {
    if (runningBotPid(stateDir) === undefined)
      return { outcomes: await dossiers.applyReports(reports, now), via: "applied" };
    // Written as the reports come, so an import that does not fit in memory can still be queued.
    const outcomes: ReportOutcome[] = [];
    async function* json(): AsyncIterable<string> {
      yield "[";
      for await (const report of reports) {
        outcomes.push(applyReport(await dossiers.get(report.code), report, now).outcome);
        yield `${outcomes.length > 1 ? "," : ""}${JSON.stringify(report)}`;
      }
      yield "]";
    }
    await makeStateDir(inboxDir(stateDir));
    const file = join(inboxDir(stateDir), `${now.toISOString().replace(/[:.]/g, "-")}-${randomUUID()}.json`);
    await writeStateFile(file, json());
    return { outcomes, via: "queued" };
  };
}

/**
 * Applies queued imports, oldest first, and removes each file once applied. A file that does
 * not parse is renamed *.rejected and left for a person to look at.
 */
export async function drainDossierInbox(stateDir: string, dossiers: DossierRepository, now: Date): Promise<number> {
  const dir = inboxDir(stateDir);
  if (!existsSync(dir)) return 0;
  let applied = 0;
  for (const name of (await readdir(dir)).filter((f) => f.endsWith(".json")).sort()) {
    const file = join(dir, name);
    const text = await readFile(file, "utf8");
    const parsed = z.array(dossierReportSchema).safeParse(parseJson(text));
    if (!parsed.success) {
      await writeStateFile(`${file}.rejected`, text);
      await rm(file);
      continue;
    }
    // A crash before the file is removed applies it again at the next start: harmless, since
    // the same report twice changes nothing and notifies nobody.
    await dossiers.applyReports(parsed.data, now);
    await rm(file);
    applied++;
  }
  return applied;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
