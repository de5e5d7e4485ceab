import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { deepLinkUrl } from "../../bot/deep-link.ts";
import { loadCatalog } from "../../domain/catalog/load.ts";
import type { Commune } from "../../domain/communes/types.ts";
import { foldVietnamese } from "../../domain/text/fold.ts";
import { createI18n } from "../../i18n/index.ts";
import { posterContent } from "../../poster/content.ts";
import { CHAT_SIZE, PRINT_SIZE, renderPoster } from "../../poster/render.ts";
import { UsageError } from "../usage-error.ts";
import { parseFlags } from "./args.ts";

const FLAGS = {
  commune: { type: "string" },
  out: { type: "string" },
  province: { type: "string" },
  "out-dir": { type: "string" },
  bot: { type: "string" },
  chat: { type: "boolean", default: false },
} as const;

/**
 * `poster --commune ID --out FILE.png` or `poster --province NAME --out-dir DIR`: the QR posters
 * staff get with /poster, A4 at 300 dpi (or 1080x1350 with --chat), for an operator printing a
 * whole province. The QR code needs the bot's @username: --bot NAME or BOT_USERNAME.
 */
export async function posterCommand(args: string[], dataDir: string, botUsername: string | undefined): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  const bot = (values.bot ?? botUsername ?? "").replace(/^@/, "");
  if (!/^[A-Za-z0-9_]{5,32}$/.test(bot))
    throw new UsageError("the bot's username is required: --bot NAME or BOT_USERNAME");
  const catalog = await loadCatalog(dataDir);
  const targets = values.commune
    ? oneCommune(catalog.communes.get(values.commune), values.commune, values.out)
    : province([...catalog.communes.all()], values.province, values["out-dir"]);
  if (values["out-dir"]) await mkdir(values["out-dir"], { recursive: true });
  const vi = (await createI18n("vi")).translator("vi");
  const unverified: string[] = [];
  for (const { commune, file } of targets) {
    const url = deepLinkUrl(bot, { communeCode: commune.code, source: "qr" });
    await writeFile(
      file,
      await renderPoster(posterContent(commune, url, vi, "vi"), values.chat ? CHAT_SIZE : PRINT_SIZE),
    );
    if (!commune.center?.verified) unverified.push(commune.code);
    process.stdout.write(`${file}\n`);
  }
  if (unverified.length > 0) {
    process.stderr.write(
      `${unverified.length} of ${targets.length} posters show center data not verified (or no center at all): check before printing: ${unverified.join(", ")}\n`,
    );
  }
  return 0;
}

function oneCommune(commune: Commune | undefined, code: string, out: string | undefined) {
  if (!commune) throw new UsageError(`unknown commune "${code}": use its 5-digit code, e.g. 16855`);
  if (!out) throw new UsageError("--out FILE.png is required with --commune");
  return [{ commune, file: out }];
}

/** Every commune of the province, each to DIR/<code>-<name>.png. */
function province(communes: Commune[], name: string | undefined, dir: string | undefined) {
  if (!name || !dir) throw new UsageError("use --commune ID --out FILE.png, or --province NAME --out-dir DIR");
  const wanted = foldVietnamese(name);
  const inProvince = communes.filter((c) => foldVietnamese(c.province) === wanted);
  if (inProvince.length === 0) throw new UsageError(`no commune in province "${name}" (e.g. "Nghệ An")`);
  return inProvince.map((commune) => ({
    commune,
    file: join(dir, `${commune.code}-${foldVietnamese(commune.name).replaceAll(" ", "-")}.png`),
  }));
}
