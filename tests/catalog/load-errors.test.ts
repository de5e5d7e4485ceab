import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CatalogError } from "../../src/domain/catalog/errors.ts";
import { loadCatalog } from "../../src/domain/catalog/load.ts";
import { DATA_DIR } from "../support/catalog.ts";

/** A copy of the shipped catalog that a test may break. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "motcua-catalog-"));
  await cp(DATA_DIR, dir, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: each test edits a different nested field of a catalog file
async function editJson(relative: string, change: (data: any) => void) {
  const file = join(dir, relative);
  const data = JSON.parse(await readFile(file, "utf8"));
  change(data);
  await writeFile(file, JSON.stringify(data));
  return file;
}

async function loadError(): Promise<CatalogError> {
  const error = await loadCatalog(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CatalogError);
  return error as CatalogError;
}

describe("A broken catalog stops start-up with the file, the entry and the field", () => {
  it("when a document's count is negative", async () => {
    const file = await editJson("procedures/1.001193.json", (p) => {
      p.documentGroups[0].documents[0].originals = -1;
    });
    const error = await loadError();
    expect([error.file, error.entry, error.field]).toEqual([
      file,
      "1.001193",
      "documentGroups.0.documents.0.originals",
    ]);
  });

  it("when a channel has an unknown kind, naming the allowed kinds", async () => {
    await editJson("procedures/1.001193.json", (p) => {
      p.channels[0].kind = "fax";
    });
    const error = await loadError();
    expect(error.field).toBe("channels.0.kind");
    expect(error.message).toMatch(/in_person/);
  });

  it("when a condition names a question that does not exist", async () => {
    await editJson("procedures/1.001193.json", (p) => {
      p.documentGroups[1].when = { born_in_hospital: ["yes"] };
    });
    const error = await loadError();
    expect(error.field).toBe("documentGroups.1.when.born_in_hospital");
  });

  it("when a procedure names an unknown field", async () => {
    await editJson("procedures/1.001193.json", (p) => {
      p.field = "taxes";
    });
    expect((await loadError()).field).toBe("field");
  });

  it("when a file is not JSON at all", async () => {
    const file = join(dir, "procedures", "1.001193.json");
    await writeFile(file, '{"code": "1.001193", ');
    const error = await loadError();
    expect(error.file).toBe(file);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("when a commune file has a code that no commune has", async () => {
    const file = join(dir, "communes", "bad.json");
    const sample = JSON.parse(await readFile(join(dir, "communes", "nghe-an", "16855.json"), "utf8"));
    await writeFile(file, JSON.stringify({ ...sample, code: "99999" }));
    const error = await loadError();
    expect([error.file, error.entry, error.field]).toEqual([file, "99999", "code"]);
  });
});

describe("A fact without a public source stops start-up", () => {
  it("when a procedure cites an internal notes file", async () => {
    await editJson("procedures/1.001193.json", (p) => {
      p.sources = [{ ref: "Domain notes §3 row 1" }];
    });
    const error = await loadError();
    expect([error.entry, error.field]).toEqual(["1.001193", "sources.0"]);
  });

  it("when a fee exemption cites a document without its article", async () => {
    await editJson("procedures/1.004222.json", (p) => {
      p.feeExemptions[0].source = { ref: "Thông tư 75/2022/TT-BTC" };
    });
    const error = await loadError();
    expect(error.field).toBe("feeExemptions.0.source");
    expect(error.message).toMatch(/article/);
  });

  it("when a page that is not official is given as source", async () => {
    await editJson("procedures/1.001193.json", (p) => {
      p.sources = [{ ref: "Một trang tin", url: "https://example.com/khai-sinh" }];
    });
    expect((await loadError()).message).toMatch(/not an official/);
  });

  it("when a procedure says verified without a source that was read", async () => {
    await editJson("procedures/1.001193.json", (p) => {
      p.verified = true;
      p.checkedAt = "2026-12-01";
    });
    expect((await loadError()).field).toBe("verified");
  });
});
