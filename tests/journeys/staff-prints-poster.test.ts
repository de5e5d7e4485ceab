import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jsqr from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.ts";
import { botPerTest, type TestUser, textsOf } from "../support/bot-harness.ts";

// jsqr is CommonJS with a `default` export that is also module.exports: reach the function either way.
const jsQR = jsqr.default;

/** What a phone's camera reads from the poster: the QR code's text, or undefined. */
function scan(png: Buffer): { text: string | undefined; width: number; height: number } {
  const image = PNG.sync.read(png);
  const code = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
  );
  return { text: code?.data, width: image.width, height: image.height };
}

/** The print density a PNG states (its pHYs chunk), in dots per inch; undefined without one. */
function dpiOf(png: Buffer): number | undefined {
  const at = png.indexOf("pHYs");
  return at < 0 || png[at + 12] !== 1 ? undefined : Math.round(png.readUInt32BE(at + 4) * 0.0254);
}

const officer: TestUser = { id: 9601, first_name: "Cán bộ", language_code: "vi" };

describe("A staff member prints the center's QR poster", () => {
  const bots = botPerTest();

  it("/poster sends a picture for chat groups and an A4 file whose QR codes open the bot on the commune", async () => {
    const b = await bots.start();
    await b.grantStaff(officer, "16855");
    const calls = await b.say(officer, "/poster");

    const photo = calls.find((c) => c.method === "sendPhoto");
    expect(photo?.response.ok).toBe(true);
    expect(photo?.payload.caption).toContain("Áp phích của Xã Chiêu Lưu");
    const chat = scan(photo?.uploads?.photo as Buffer);
    expect(chat).toEqual({ text: "https://t.me/motcua_bot?start=c16855-oq", width: 1080, height: 1350 });

    const document = calls.find((c) => c.method === "sendDocument");
    expect(document?.response.ok).toBe(true);
    const print = scan(document?.uploads?.document as Buffer);
    expect(print).toEqual({ text: "https://t.me/motcua_bot?start=c16855-oq", width: 2480, height: 3508 });
    // "Actual size" prints it on one A4 page.
    expect(dpiOf(document?.uploads?.document as Buffer)).toBe(300);

    // The sample hours of Chiêu Lưu's center are not verified: staff are told before printing.
    expect(textsOf(calls).at(-1)).toContain("chưa được xác minh");
  });

  it("staff of two communes choose which; a citizen is refused, by command and by a forged button", async () => {
    const b = await bots.start();
    for (const communeCode of ["16855", "20044"]) await b.grantStaff(officer, communeCode);
    expect(textsOf(await b.say(officer, "/poster"))).toEqual(["In áp phích cho xã/phường nào?"]);
    const chosen = await b.tapLabel(officer, "A Lưới 2");
    expect(scan(chosen.find((c) => c.method === "sendPhoto")?.uploads?.photo as Buffer).text).toBe(
      "https://t.me/motcua_bot?start=c20044-oq",
    );

    const citizen: TestUser = { id: 9602, first_name: "Dân", language_code: "vi" };
    const calls = [...(await b.say(citizen, "/poster")), ...(await b.pushCallback(citizen, "pp:16855"))];
    expect(textsOf(calls)).toEqual(["Xin lỗi, lệnh này chỉ dành cho cán bộ trung tâm được cấp quyền."]);
    expect(calls.find((c) => c.method === "answerCallbackQuery")?.response.ok).toBe(true);
    expect(calls.some((c) => c.method === "sendPhoto" || c.method === "sendDocument")).toBe(false);
  });

  it("an operator prints one commune, then every commune of a province, from the terminal", {
    timeout: 90_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "motcua-posters-"));
    try {
      const one = await runCli([
        "poster",
        "--commune",
        "16855",
        "--out",
        join(dir, "chieu-luu.png"),
        "--bot",
        "motcua_bot",
      ]);
      expect(one.code).toBe(0);
      expect(scan(await readFile(join(dir, "chieu-luu.png"))).text).toBe("https://t.me/motcua_bot?start=c16855-oq");

      const province = await runCli(
        ["poster", "--province", "lai chau", "--out-dir", join(dir, "lai-chau"), "--chat"],
        { BOT_USERNAME: "motcua_bot" },
      );
      expect(province.code).toBe(0);
      const files = await readdir(join(dir, "lai-chau"));
      expect(files).toHaveLength(38);
      const first = files.sort()[0] ?? "";
      expect(scan(await readFile(join(dir, "lai-chau", first))).text).toBe(
        `https://t.me/motcua_bot?start=c${first.slice(0, 5)}-oq`,
      );

      const unknown = await runCli([
        "poster",
        "--commune",
        "99999",
        "--out",
        join(dir, "x.png"),
        "--bot",
        "motcua_bot",
      ]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown commune "99999"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
