import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { applyReport, type DossierReport, type ReportOutcome } from "../domain/dossiers/report.ts";
import { DOSSIER_STATUSES } from "../domain/dossiers/status.ts";
import type { CommunesOf, SubmitReports } from "../domain/dossiers/submit.ts";
import { openLowStore } from "./lowdb/index.ts";
import { runningBotPid } from "./lowdb/instance-lock.ts";
import { makeStateDir, writeStateFile } from "./lowdb/state-files.ts";
import { openPgStore } from "./postgres/index.ts";
import type { DossierRepository, Store } from "./types.ts";

/** Reports waiting for the running bot: STATE_DIR/inbox/<time>-<id>.json. */
const inboxDir = (stateDir: string) => join(stateDir, "inbox");

/** Reports as JSON (queued imports, sample dossiers). */
export const dossierReportsSchema = z.array(
  z.strictObject({
    code: z.string(),
    communeCode: z.string(),
    procedureCode: z.string().optional(),
    procedureName: z.string().optional(),
    applicantName: z.string(),
    receivedAt: z.string(),
    due: z.string().optional(),
    status: z.enum(DOSSIER_STATUSES),
    note: z.string().optional(),
    missing: z.array(z.string()).optional(),
    payment: z.strictObject({ amountVnd: z.number().optional(), where: z.string() }).optional(),
    actBy: z.string().optional(),
    lookupKey: z.string().optional(),
  }),
);

/**
 * How a command-line import hands its reports over: applied directly to PostgreSQL (it takes
 * writers at once, whatever runs), or when no bot runs on this state folder; otherwise written
 * atomically to the inbox, which the running bot (the only writer of its files) applies within
 * seconds. The outcomes of a queued import are computed against the current state, read-only.
 */
export async function openDossierSubmitter({
  stateDir,
  databaseUrl,
}: {
  stateDir: string;
  databaseUrl?: string;
}): Promise<SubmitReports> {
  return async (reports, now) => {
    if (databaseUrl) {
      const store = await openPgStore(databaseUrl);
      try {
        return { outcomes: await store.dossiers.applyReports(reports, now), via: "applied" };
      } finally {
        await store.close();
      }
    }
    if (runningBotPid(stateDir) === undefined) {
      const store = await openLowStore(stateDir);
      return { outcomes: await store.dossiers.applyReports(reports, now), via: "applied" };
    }
    const snapshot = await openLowStore(stateDir);
    const outcomes: ReportOutcome[] = [];
    async function* json(): AsyncIterable<string> {
      yield "[";
      for await (const report of reports) {
        outcomes.push(applyReport(await snapshot.dossiers.get(report.code), report, now).outcome);
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
 * Reads which commune stored dossiers belong to, from the store an import goes to (a snapshot
 * of the embedded store's files, even while a bot runs on it: reading never writes). The store
 * is opened at the first question and kept for the next ones until `close`.
 */
export function openDossierCommunes({ stateDir, databaseUrl }: { stateDir: string; databaseUrl?: string }): {
  communesOf: CommunesOf;
  close: () => Promise<void>;
} {
  let opened: Promise<Store> | undefined;
  const store = () => {
    opened ??= databaseUrl ? openPgStore(databaseUrl) : openLowStore(stateDir);
    return opened;
  };
  return {
    communesOf: async (codes) => storedCommunes((await store()).dossiers, codes),
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}

/** The communes of the stored dossiers among `codes`. */
export async function storedCommunes(
  dossiers: Pick<DossierRepository, "get">,
  codes: string[],
): Promise<Map<string, string>> {
  const found = await Promise.all(codes.map((code) => dossiers.get(code)));
  return new Map(found.flatMap((d) => (d ? [[d.code, d.communeCode] as const] : [])));
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
    const parsed = dossierReportsSchema.safeParse(parseJson(text));
    if (!parsed.success) {
      await writeStateFile(`${file}.rejected`, text);
      await rm(file);
      continue;
    }
    // A crash before the file is removed applies it again at the next start: harmless, since
    // the same report twice changes nothing and notifies nobody.
    await dossiers.applyReports(parsed.data as DossierReport[], now);
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
