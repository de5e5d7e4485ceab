import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { redactPersonal } from "../../src/domain/privacy/redact.ts";

const { codePattern } = parseConfig({}).dossiers;
const redact = (text: string) => redactPersonal(text, codePattern);

describe("What citizens type, before it is logged, stored or shown to staff", () => {
  it("hides phone numbers however they are written, and keeps the question", () => {
    expect(redact("Tran Thi Hoa 0912345678")).toBe("Tran Thi Hoa [phone]");
    expect(redact("làm lại căn cước, gọi em 0912 345 678 nhé")).toBe("làm lại căn cước, gọi em [phone] nhé");
    expect(redact("sđt 0912.345.678")).toBe("sđt [phone]");
    expect(redact("liên hệ +84 912 345 678 hoặc (+84)912345678")).toBe("liên hệ [phone] hoặc [phone]");
    expect(redact("84912345678 đăng ký kết hôn")).toBe("[phone] đăng ký kết hôn");
    expect(redact("máy bàn 0234 3822 123")).toBe("máy bàn [phone]");
  });

  it("hides ID card numbers (9 or 12 digits), grouped or not", () => {
    expect(redact("CCCD 001099012345 bị mất")).toBe("CCCD [id] bị mất");
    expect(redact("cmnd số 123456789 hết hạn")).toBe("cmnd số [id] hết hạn");
    expect(redact("căn cước 001 099 012 345")).toBe("căn cước [id]");
    // Trà Vinh's ids start with 084, like a phone number with the country code: still an id.
    expect(redact("CCCD 084199012345")).toBe("CCCD [id]");
  });

  it("hides e-mail addresses and dossier codes, of the deployment's shape or looking like one", () => {
    expect(redact("gửi vào hoa.tran@gmail.com được không")).toBe("gửi vào [email] được không");
    expect(redact("hồ sơ 000.00.20.H40-250709-0005 đến đâu rồi")).toBe("hồ sơ [code] đến đâu rồi");
    expect(redact("hồ sơ 000.00.20.h40-250709-0005?")).toBe("hồ sơ [code]?");
    expect(redact("biên nhận H48.22/0921-0099")).toBe("biên nhận [code]");
  });

  it("keeps ordinary questions, years, articles and short numbers as typed", () => {
    for (const text of [
      "khai sinh cho con",
      "đăng ký thường trú năm 2025",
      "Nghị định 123/2015/NĐ-CP",
      "lệ phí 50.000 đồng",
      "Xã Chiêu Lưu",
      "giờ làm việc 7:30-17:00",
    ]) {
      expect(redact(text)).toBe(text);
    }
  });

  it("works with a deployment's own code shape, and with none", () => {
    expect(redactPersonal("mã HS-2025-000123 ạ", /^HS-\d{4}-\d{6}$/i)).toBe("mã [code] ạ");
    expect(redactPersonal("gọi 0912345678")).toBe("gọi [phone]");
  });
});
