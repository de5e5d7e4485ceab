import { beforeAll, describe, expect, it } from "vitest";
import { type DossierStatusEntry, loadDossierStatuses } from "../../src/domain/dossiers/status-file.ts";
import { readDossierJson, readDossierRows } from "../../src/domain/imports/dossier-import.ts";
import { provincialApi } from "../../src/integrations/provincial-api.ts";
import { DATA_DIR } from "../support/catalog.ts";

let statuses: DossierStatusEntry[];
beforeAll(async () => {
  statuses = await loadDossierStatuses(DATA_DIR);
});

/** A dossier waiting for two papers, as the province's system and its JSON export both write it. */
const record = {
  "Mã hồ sơ": "000.00.20.H40-250709-0042",
  "Chủ hồ sơ": "Vi Văn Tám",
  "Ngày tiếp nhận": "20/11/2026",
  "Trạng thái": "Yêu cầu bổ sung giấy tờ",
  "Giấy tờ cần bổ sung": ["Giấy chứng sinh", "CCCD của người đi khai"],
  "Mã xã": "16855",
};

describe("The provincial system's answer reads like the same record in an export file", () => {
  it("lists each missing paper separately, as the file import does", async () => {
    const answerWith = (body: unknown) => async () =>
      new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    const ask = provincialApi({
      urlTemplate: "http://province.invalid/{code}",
      timeoutMs: 1000,
      statuses,
      fetch: answerWith({ data: record }),
    });
    const answer = await ask(record["Mã hồ sơ"]);
    const imported = readDossierRows(readDossierJson(JSON.stringify([record])), { communeCode: "16855", statuses })
      .reports[0];

    expect(answer.kind === "found" && answer.report.missing).toEqual(["Giấy chứng sinh", "CCCD của người đi khai"]);
    expect(answer.kind === "found" && answer.report).toEqual(imported);
  });
});
