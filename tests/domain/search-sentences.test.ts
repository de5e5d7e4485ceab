import { beforeAll, describe, expect, it } from "vitest";
import { hitKey, type ProcedureSearch, type SearchHit } from "../../src/domain/search/procedure-search.ts";
import { shippedSearch } from "../support/catalog.ts";

/**
 * What citizens write is rarely a procedure's name: sentences, questions, regional words,
 * things another agency does, small talk. (Examples written for these tests, not taken from
 * the evaluation set in tests/eval/.)
 */
let search: ProcedureSearch;
beforeAll(async () => {
  search = await shippedSearch();
});
const first = (query: string) => search.find(query).map(hitKey)[0];
/** One test per query: it finds that procedure (or `elsewhere:<id>`) first. */
const findsFirst = (cases: [string, string][]) =>
  it.each(cases)("%j finds %s first", (query, key) => {
    expect(first(query)).toBe(key);
  });

describe("Whole sentences and questions find the procedure their key words point to", () => {
  findsFirst([
    ["Bà nội tôi vừa qua đời hôm qua, gia đình cần làm giấy gì?", "1.000656"],
    ["my father passed away, what do I do", "1.000656"],
    ["Đất nhà tôi bị nhà bên cạnh rào lấn sang, nhờ ai giải quyết?", "1.012812"],
    ["nhà mới cất xong muốn nhập hộ khẩu cho cả nhà thì nhiêu tiền", "1.004222"],
    ["ông bà để lại miếng đất chưa có sổ, giờ mần sao", "1.013978"],
    // An everyday phrase weighs as its rarest word ("làm di chúc" as "di chúc"), not as the
    // average with a common one, so it carries a long sentence around it.
    ["bà tôi muốn làm di chúc để lại mảnh đất cho mấy đứa cháu, ra xã chứng thực được không", "LOCAL.CT.WILL"],
    ["mấy anh em muốn sang tên sổ đỏ đất của bố mẹ để lại", "1.013831"],
    // Going somewhere ("lên công an", "xuống xã") is how one asks, not what.
    ["lên công an xã làm tạm trú cần gì", "1.004194"],
    // A name's compound ("nuôi con") with a firm word apart from it ("nhận") carries a sentence
    // it answers less than half of.
    ["ông bà muốn nhận thằng bé hàng xóm về nuôi làm con thì sao", "2.001263"],
    // A name's compound ("kết hôn") with two more firm words carries a long question it answers
    // less than half of.
    ["Tôi ở tỉnh khác, muốn đăng ký kết hôn ở xã nơi vợ sắp cưới sống được không?", "1.000894"],
    // A compound of a procedure's keywords (who it is for: "mới sinh") carries a request it is
    // most of.
    ["giấy tờ cho bé mới sinh", "1.001193"],
  ]);

  it("a long question typed with marks is read as typed with marks to its last word read", () => {
    // Over 24 words: "khi" is the filler, not the "khi" of the moving-in registration's name.
    expect(
      first(
        "Cháu nhà tôi khi nào phải đi đăng ký nghĩa vụ quân sự, năm nay cháu mới mười sáu tuổi rưỡi và vẫn đang đi học cấp ba ở trường huyện gần nhà",
      ),
    ).toBe("1.013133");
  });

  it("a purpose or a reason says why, not what: 'để …' weighs less, until 'thì' brings the question back", () => {
    // "vay vốn mua nhà" would otherwise draw the social-housing loan confirmation.
    expect(first("giấy xác nhận độc thân để vay vốn mua nhà")).toBe("1.004873");
    expect(first("trích lục khai sinh để nộp hồ sơ xin học thì làm ở đâu")).toBe("2.000635");
  });

  it("words the index does not know lower the score but do not veto the answer", () => {
    const plain = search.find("đăng ký tạm trú")[0];
    const chatty = search.find("hông biết đăng ký tạm trú ở trọ sao dzậy")[0];
    expect(chatty && hitKey(chatty)).toBe("1.004194");
    expect(plain && hitKey(plain)).toBe("1.004194");
  });
});

describe("'mất' after a kin word is a death, not a lost paper", () => {
  findsFirst([
    ["chồng tôi mất tuần trước, cần làm giấy gì ở xã", "1.000656"],
    // The land passes on: a change of owner, not a lost certificate re-issued.
    ["vợ tôi mất năm ngoái, giờ tôi muốn đứng tên sổ đỏ một mình", "1.013831"],
    ["bà nội mất rồi, mấy cô chú muốn sang tên mảnh đất cho nhau", "1.013831"],
    // "bị mất" is lost.
    ["mẹ tôi bị mất căn cước", "LOCAL.CA.IDCARD"],
  ]);
});

describe("Colloquial and regional words", () => {
  findsFirst([
    ["mần giấy khai sanh cho con gái", "1.001193"],
    ["hông biết đăng ký tạm trú ở trọ sao dzậy", "1.004194"],
    // Southern "sanh" is "sinh" in any phrase; "bả", "ổng" (she, he) are chat.
    ["bả muốn làm giấy khai sanh cho con", "1.001193"],
    ["trích lục khai sanh cho ổng", "2.000635"],
  ]);

  it("an everyday phrase keeps its meaning's words that only spell a stopword ('thẻ căn cước' is not 'the can')", () => {
    expect(first("đổi căn cước cho bé 12 tuổi")).toBe("LOCAL.CA.IDCARD");
  });

  it("a filler that spells a catalog word is a filler only with its own tone marks", () => {
    // "vâng" (yes) is small talk; "vang" without marks may be "vắng" (temporary absence).
    expect(first("tam vang")).toBe("1.003677");
    expect(first("ho chieu")).toBe("elsewhere:passport");
  });
});

describe("Procedures done elsewhere are found like procedures, never replaced by a commune one", () => {
  findsFirst([
    ["làm passport cho mẹ", "elsewhere:passport"],
    ["muốn ly dị chồng", "elsewhere:divorce_mutual"],
    ["xin phiếu lý lịch tư pháp số 1", "elsewhere:criminal_record"],
    // Through what each covers (its keywords), not its names: the case, the boat.
    ["bị chồng đánh hoài muốn bỏ mà ổng không chịu ký", "elsewhere:divorce_unilateral"],
    ["ghe cào của ba tôi chưa có giấy tờ", "elsewhere:fishing_vessel_registration"],
  ]);

  it("'ly hôn' never offers marriage registration, 'ho chieu' never a civil-status procedure", () => {
    expect(search.find("ly hôn").map(hitKey)).not.toContain("1.000894");
    // Passports are the immigration office's; the commune police only take a lost one's report.
    const passport = search.find("ho chieu");
    expect(hitKey(passport[0] as SearchHit)).toBe("elsewhere:passport");
    expect(passport.some((h) => h.kind === "procedure" && h.procedure.field === "civil_status")).toBe(false);
  });

  it("a commune's posted list does not hide what is done elsewhere", () => {
    expect(search.find("lý lịch tư pháp", { within: new Set(["1.001193"]) }).map(hitKey)[0]).toBe(
      "elsewhere:criminal_record",
    );
  });
});

describe("English in any form the catalog's names do not use", () => {
  findsFirst([
    ["married to a foreigner", "2.000806"],
    ["registering a household business", "1.001612"],
    ["renewing my passport", "elsewhere:passport"],
    // Pronouns and "wants", "planning to" are the sentence, not the request; and English names a
    // thing either way round ("marry a foreigner", "a foreigner … to marry").
    ["we want to marry, he is a foreigner", "2.000806"],
    ["foreigner planning to marry", "2.000806"],
    ["she wants to register her newborn", "1.001193"],
    // An English word is a whole word: a three-word compound ("criminal record check") in a long
    // sentence is evidence enough, where three syllables beside each other would not be.
    ["does a foreign engineer need a criminal record check before starting the job", "elsewhere:criminal_record"],
    // Relatives are who asks, in English as in Vietnamese ("bà ngoại", "thằng nhỏ").
    ["the boyfriend of my cousin wants to register the marriage", "1.000894"],
    ["our nephew needs a birth certificate copy", "2.000635"],
  ]);
});

describe("English as expat guides and law firms' English pages word things", () => {
  findsFirst([
    // A nationality is a foreigner, for the catalog's names ("with a foreign element").
    ["a Japanese man and I want to get married here", "2.000806"],
    ["an Australian marrying a Vietnamese citizen", "2.000806"],
    ["tourist died in a hotel, how to get the death certificate", "1.001766"],
    // Two words side by side meet a name's in any of their forms ("adopt an orphan").
    ["adopting orphans", "2.001263"],
    ["landlords declaring foreign tenants", "1.000253"],
    ["certificate of celibacy", "1.004873"],
    ["disclaiming an inheritance", "2.001016"],
    ["guests staying overnight at our house", "2.001159"],
    ["registering a newly bought motorbike", "1.013067"],
    ["title transfer for a second-hand scooter", "1.013076"],
    ["how do I change the surname on my kid's birth certificate", "1.004859"],
    ["judicial record card for a work permit", "elsewhere:criminal_record"],
    ["convert my foreign driving license", "elsewhere:driving_licence_exchange"],
    // A contraction's tail is no word ("I'd", "we'd", "baby's"); polite wrappers are chat.
    ["I'd like to register my baby's birth please", "1.001193"],
    ["we'd like to get married", "1.000894"],
    ["kindly advise on the building permit", "1.013225"],
    ["lost the plate of my scooter", "1.013082"],
    ["when must my son register for the army", "1.013133"],
    ["support after the typhoon destroyed our crops", "LOCAL.NN.DISASTER"],
    ["transfer the house title to my son", "1.013831"],
    // A country is abroad, for the catalog's names ("a marriage registered abroad").
    ["we got married in Korea, how do we record it in Vietnam", "2.002189"],
    // American spelling of a name written the British way ("organisation").
    ["organization land certificate", "elsewhere:land_certificate_organisation"],
  ]);

  it("a nationality or a country alone does not make a sentence about food or lessons a request", () => {
    expect(search.find("korean bbq restaurant near me")).toEqual([]);
    expect(search.find("best french bakery in town")).toEqual([]);
    expect(search.find("cheap american english course")).toEqual([]);
    expect(search.find("cheap flights to korea")).toEqual([]);
    expect(search.find("weather in australia")).toEqual([]);
  });

  it("'at', 'on', 'be' are English in an English sentence, and 'bé' (a baby) typed bare in a Vietnamese one", () => {
    expect(search.find("best noodle soup at the night market")).toEqual([]);
    expect(search.find("what time does the museum open on sunday")).toEqual([]);
    expect(first("ho chieu cho be 5 tuoi")).toBe("elsewhere:passport_child");
  });
});

describe("Small talk is not a search", () => {
  it.each([
    ["cảm ơn nhiều nha", "thanks"],
    ["dạ cảm ơn bạn", "thanks"],
    ["ok bạn", "ack"],
    ["vâng ạ", "ack"],
    ["alo alo", "greeting"],
    ["bye nhé", "bye"],
    ["👍", "empty"],
    ["???", "empty"],
  ])("%j is small talk (%s)", (text, kind) => {
    const answer = search.answer(text);
    expect(answer.smallTalk).toBe(kind);
    expect(answer.hits).toEqual([]);
  });

  it("a thank-you before a question does not hide the question", () => {
    const answer = search.answer("cảm ơn, cho hỏi làm giấy khai sinh");
    expect(answer.smallTalk).toBeUndefined();
    expect(answer.hits.map(hitKey)[0]).toBe("1.001193");
  });
});

describe("The part of the answer asked about", () => {
  it.each([
    ["làm giấy độc thân hết bao nhiêu tiền", "fee"],
    ["đăng ký kết hôn mất mấy ngày", "time"],
    ["xin giấy phép xây dựng nộp ở đâu", "place"],
    ["đăng ký khai tử cần những giấy tờ gì", "papers"],
    ["người khuyết tật có được miễn lệ phí không", "exemption"],
    ["how much is a certified copy", "fee"],
    // "mất" (lose, or cost) with a fee is the cost, not a lost paper.
    ["làm trích lục khai sinh có mất phí không", "exemption"],
    ["đăng ký kết hôn có mất lệ phí không", "exemption"],
    ["sao y giấy tờ tốn phí bao nhiêu", "fee"],
  ])("%j asks about the %s", (query, facet) => {
    expect(search.answer(query).facet).toBe(facet);
  });

  it("a plain request asks about nothing in particular", () => {
    expect(search.answer("đăng ký khai sinh").facet).toBeUndefined();
  });
});

describe("One result clearly ahead is shown at once; close ones are offered", () => {
  it("'đăng ký kết hôn' leads with marriage registration", () => {
    const answer = search.answer("đăng ký kết hôn");
    expect(answer.lead).toBe(true);
    expect(answer.hits.map(hitKey)[0]).toBe("1.000894");
  });

  it("'khai sinh' is close between birth registration and late re-registration: a choice", () => {
    const answer = search.answer("khai sinh");
    expect(answer.lead).toBe(false);
    expect(answer.hits.length).toBeGreaterThan(1);
  });

  it("a miss names the nearest fields to browse", () => {
    const answer = search.answer("đặt lịch khám răng cho con");
    expect(answer.hits).toEqual([]);
    expect(answer.nearFields.length).toBeLessThanOrEqual(3);
  });
});

describe("Off-topic sentences find nothing", () => {
  it.each([
    "thời tiết đà nẵng hôm nay",
    "tỷ giá đô la",
    "công thức làm bánh flan",
    "giá xăng hôm nay",
    "kết quả xổ số miền bắc",
    "con bị sốt uống thuốc gì",
    // One or two syllables shared by chance with a name ("giảm" of "giảm nghèo", "sửa" and "nhà"
    // of a building permit, "du lịch") are not a match: two side by side in a name, or three, are.
    "cách giảm mỡ bụng nhanh",
    "sửa tủ lạnh tại nhà",
    "thuê xe du lịch đi Sa Pa",
    "giá cà phê hôm nay",
    "trẻ bị ho có nên đi học",
    // A compound a name has ("bán hàng", "điện thoại", "khách sạn") in a sentence about
    // something else: two words side by side count only when they carry most of the query.
    "tuyển dụng nhân viên bán hàng",
    "mua điện thoại trả góp ở đâu rẻ",
    "khách sạn ở Vũng Tàu giá rẻ",
    // Typed with marks, words whose tones no name has are other words, even side by side:
    // "sữa chua" (yoghurt) is not "sửa chữa" (repair) of a building permit.
    "cách làm sữa chua tại nhà",
    // What the catalog does not know is often the thing asked about: it weighs half a rare word,
    // so "đăng ký", "ngân hàng" or "xe máy" shared with a name do not carry the sentence.
    "đăng ký kênh youtube",
    "gửi tiền ngân hàng nào an toàn",
    "sửa xe máy gần đây",
    // Three syllables each found in some name, none side by side there ("tháng", "cao", "hàng"
    // of a monthly allowance), are chance in a long sentence: three firm words need a pair too,
    // or most of the query answered.
    "nước máy tháng này lên cao bất thường quá",
    // One word typed with marks other than an everyday phrase's is another word: "cười" (laugh)
    // is not "cưới" (wedding).
    "nghe kể chuyện cười",
    // A compound of some name ("nhà bên", "khu công nghiệp") and the syllable beside it, in a
    // sentence answered less than half: one compound, not two pieces of evidence.
    "chó nhà bên cạnh sủa cả đêm",
    "đi khu công nghiệp bằng xe buýt số mấy",
    // Two words side by side in a quarter of the names ("đăng ký") say nothing of which is meant.
    "đăng ký học bơi cho con ở đâu",
    // A compound only of a procedure's keywords ("mới sinh" of a birth: who it is for) says who,
    // not what: with the rest of the sentence unknown or chance, it is no request.
    "bé mới sinh hay bị nấc",
    "quà tặng bé mới sinh",
    "bé mới sinh nằm điều hòa được không",
    // A common word left alone once the chat is dropped is not a request ("tên" of a name change).
    "em tên gì",
  ])("%j", (query) => {
    expect(search.find(query)).toEqual([]);
  });
});
