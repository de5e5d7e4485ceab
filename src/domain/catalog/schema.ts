/**
 * Schemas of the catalog files in DATA_DIR. Types are inferred from them, so the data files,
 * the loader and the code that reads a procedure can never disagree.
 *
 * Every procedure cites public sources a citizen can open (lint.ts refuses any other), and a
 * fact that differs from its procedure's main source cites its own. `verified` says someone read
 * the source and it states the fact; anything else is shown to citizens as unverified.
 */
import { z } from "zod";

/** A text in both interface languages. Vietnamese is the official one. */
export const localizedText = z.strictObject({
  vi: z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof localizedText>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD");

/**
 * A public reference: a legal document and its article ("Luật Hộ tịch 2014, Điều 16") or an
 * official page (the national portal's record of the procedure). Internal notes are not sources.
 */
export const sourceRef = z.strictObject({
  ref: z.string().min(1),
  url: z.url().optional(),
  /** True only when someone read this source and it states the fact; then `checkedAt` says when. */
  verified: z.boolean().default(false),
  checkedAt: isoDate.optional(),
  /** How the text was read when not on the page itself, e.g. a public copy of the portal record. */
  readVia: z.string().min(1).optional(),
});
export type SourceRef = z.infer<typeof sourceRef>;

/** Ids used in callback data and conditions: short ASCII so they fit Telegram's 64 bytes. */
const shortId = z.string().regex(/^[a-z0-9_]{1,24}$/, "expected 1-24 characters of a-z, 0-9 or _");

/** A national database code such as 1.001193, or a readable local code such as LOCAL.CT.WILL. */
export const procedureCode = z
  .string()
  .regex(
    /^(\d\.\d{6}|LOCAL\.[A-Z0-9.]{2,24})$/,
    "expected a national code like 1.001193 or a local code like LOCAL.CT.WILL",
  );

/** A question that tailors the document list, answered with one of its options. */
export const tailoringQuestion = z.strictObject({
  id: shortId,
  text: localizedText,
  options: z
    .array(z.strictObject({ id: shortId, label: localizedText }))
    .min(2, "a question needs at least two options")
    .max(10, "a question has at most ten options: more do not fit a phone's screen as buttons"),
});
export type TailoringQuestion = z.infer<typeof tailoringQuestion>;

/**
 * When a document or a group applies: every listed question must have been answered with one
 * of the listed options (AND across questions, OR within one question).
 */
export const condition = z.record(shortId, z.array(shortId).min(1));
export type Condition = z.infer<typeof condition>;

export const requiredDocument = z.strictObject({
  id: shortId,
  name: localizedText,
  /** Number of originals (bản chính) and copies (bản sao) to bring. */
  originals: z.number().int().min(0),
  copies: z.number().int().min(0),
  /** Shown (xuất trình) at the counter and handed back, not kept in the dossier. */
  showOnly: z.boolean().default(false),
  note: localizedText.optional(),
  when: condition.optional(),
  /** The counter may read it from a national database instead (Decree 07/2025 and others). */
  readableFromDatabase: z.boolean().default(false),
  /** The name of the form (mẫu) to fill in, if any. */
  form: z.string().min(1).optional(),
  /** Where this paper is stated, when not in the procedure's own sources. */
  source: sourceRef.optional(),
});
export type RequiredDocument = z.infer<typeof requiredDocument>;

/** Documents of one case ("Trường hợp ..."); a group without `when` always applies. */
export const documentGroup = z.strictObject({
  id: shortId,
  title: localizedText,
  when: condition.optional(),
  documents: z.array(requiredDocument).min(1),
});
export type DocumentGroup = z.infer<typeof documentGroup>;

export const submissionChannelKinds = ["in_person", "online", "post"] as const;
export type SubmissionChannelKind = (typeof submissionChannelKinds)[number];

export const submissionChannel = z.strictObject({
  kind: z.enum(submissionChannelKinds),
  /** Time limit in plain words ("same day; next day if received after 15:00"). */
  timeLimit: localizedText,
  /** The fee in đồng when it is one fixed amount; null when it varies (set by the province). */
  feeVnd: z.number().int().min(0).nullable(),
  fee: localizedText,
  url: z.url().optional(),
  /** Where this route, time limit or fee is stated, when not in the procedure's own sources. */
  source: sourceRef.optional(),
});
export type SubmissionChannel = z.infer<typeof submissionChannel>;

export const legalBasis = z.strictObject({
  /** The document's number, e.g. "120/2025/NĐ-CP". */
  ref: z.string().min(1),
  title: localizedText,
  effectiveFrom: isoDate.optional(),
  effectiveUntil: isoDate.optional(),
});
export type LegalBasis = z.infer<typeof legalBasis>;

export const procedure = z.strictObject({
  code: procedureCode,
  name: localizedText,
  /** Id of a field in fields.json. */
  field: shortId,
  /** Where the file is handed in: the commune center, the commune police, the online routes. */
  receivedBy: localizedText,
  /**
   * Where a file is handed in person: the commune's service center, or the commune police
   * (residence, ID cards, vehicles), whose station is not the center: cards then send people there.
   */
  filedAt: z.enum(["center", "commune_police"]).default("center"),
  /** Who decides and signs: the commune chair, the commune police, the land registration office... */
  decidedBy: localizedText,
  summary: localizedText,
  applicants: localizedText,
  /** Other names people use for it (everyday words, abbreviations), per language. */
  aliases: z.strictObject({ vi: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
  /**
   * Words of the cases it covers, the papers it involves and who it is for, as citizens say them
   * ("đẻ", "ở trọ", "hàng xóm"): search counts them like the names, but they are not names, so
   * they never decide which name a query reads like.
   */
  keywords: z.strictObject({ vi: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }).optional(),
  /** At most eight: a citizen answers them all before seeing the checklist. */
  questions: z.array(tailoringQuestion).max(8).default([]),
  documentGroups: z.array(documentGroup).min(1),
  steps: z.array(localizedText).min(1),
  channels: z.array(submissionChannel).min(1),
  /**
   * Stated before the fee, so nobody who qualifies sees only the full amount. With `when`, the
   * checklist keeps an exemption only for the answers it applies to.
   */
  feeExemptions: z
    .array(z.strictObject({ text: localizedText, when: condition.optional(), source: sourceRef.optional() }))
    .default([]),
  result: localizedText,
  legalBasis: z.array(legalBasis).min(1),
  forms: z.array(z.strictObject({ code: z.string().min(1), name: localizedText })).default([]),
  /** Part of the national list every commune center posts; false for local additions only. */
  postedByDefault: z.boolean().default(true),
  /** True only when the core facts were read in a verified source (see lint.ts). */
  verified: z.boolean(),
  sources: z.array(sourceRef).min(1, "a procedure needs at least one public source"),
  checkedAt: isoDate.optional(),
  /** For editors only, never rendered: what is still to check, where a fact came from. */
  editorNote: z.string().min(1).optional(),
});
export type Procedure = z.infer<typeof procedure>;

export const field = z.strictObject({ id: shortId, name: localizedText });
export type Field = z.infer<typeof field>;
export const fieldList = z.array(field).min(1);

export const geoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof geoPoint>;

/** A Public Administration Service Center (or, when unknown, the commune's People's Committee). */
export const center = z.strictObject({
  name: localizedText,
  address: z.string().min(1),
  location: geoPoint.optional(),
  hours: localizedText.optional(),
  /** Sample values must look like samples (e.g. "0000 000 000"), never like a real number. */
  phone: z.string().min(1).optional(),
  verified: z.boolean(),
  source: z.string().min(1),
  /**
   * Set when the address is the commune People's Committee headquarters from the national list,
   * where the center usually sits, not an address of the center itself.
   */
  headquarters: z.literal(true).optional(),
});
export type Center = z.infer<typeof center>;

/** Hand-written details of one commune: data/communes/<province>/<code>.json. */
export const communeDetails = z.strictObject({
  code: z.string().regex(/^\d{5}$/, "expected the 5-digit statistics office code"),
  name: z.string().min(1),
  province: z.string().min(1),
  center,
  /** Local notes shown on a procedure's card in this commune, by procedure code. */
  procedureNotes: z.record(procedureCode, localizedText).default({}),
  /** Procedures this commune posts besides the national list. */
  extraProcedures: z.array(procedureCode).default([]),
  verified: z.boolean(),
  source: z.string().min(1),
});
export type CommuneDetails = z.infer<typeof communeDetails>;

/** One tailoring of search: everyday words and the official terms they stand for. */
export const synonymEntry = z.strictObject({
  /** What people type, in Vietnamese or English, with or without tone marks. */
  phrases: z.array(z.string().min(1)).min(1),
  /** The official words it means, added to the query. */
  means: z.array(z.string().min(1)).min(1),
});
export const synonymsFile = z.strictObject({
  synonyms: z.array(synonymEntry),
  /** Words that carry no meaning for search ("làm", "cho", "xin"), folded or not. */
  stopwords: z.array(z.string().min(1)),
  /** Greetings ("xin chào", "hello"): a message that is only one of them starts the dialogue. */
  greetings: z.array(z.string().min(1)).default([]),
});
export type SynonymsFile = z.infer<typeof synonymsFile>;

/** Center addresses imported for all communes (`communes import`): data/centers.json. */
export const importedCenters = z.strictObject({
  source: z.string().min(1),
  importedAt: z.string().min(1),
  /** The date of the source's facts (e.g. "2025-07"), which can be older than the import. */
  dataAsOf: z.string().min(1).optional(),
  centers: z.record(
    z.string().regex(/^\d{5}$/),
    /** No address where the list has none yet: the pin still shows where the headquarters is. */
    z.strictObject({ address: z.string().min(1).optional(), location: geoPoint.optional() }),
  ),
});
export type ImportedCenters = z.infer<typeof importedCenters>;

/** A center's own posted list (`catalog import --commune`): data/posted/<code>.json. */
export const postedList = z.strictObject({
  commune: z.string().regex(/^\d{5}$/),
  source: z.string().min(1),
  importedAt: z.string().min(1),
  procedures: z.array(
    z.strictObject({ code: procedureCode, field: shortId.optional(), note: z.string().min(1).optional() }),
  ),
  /**
   * Procedures the center posts that the catalog has no entry for yet (staff are told, so they
   * can ask for them); once the catalog gains one, it counts as posted.
   */
  uncatalogued: z.array(z.strictObject({ code: procedureCode, name: z.string().min(1).optional() })).default([]),
});
export type PostedList = z.infer<typeof postedList>;

/**
 * Procedures a province lets citizens file at any commune center of the province (Decree
 * 118/2025/NĐ-CP leaves the list to the province): data/province-wide/<province>.json. Without
 * such a file the bot never claims that another center accepts a dossier.
 */
export const provinceWideList = z.strictObject({
  /** As the national list names it, e.g. "Nghệ An". */
  province: z.string().min(1),
  procedures: z.array(procedureCode).min(1),
  source: z.string().min(1),
  verified: z.boolean(),
});
export type ProvinceWideList = z.infer<typeof provinceWideList>;
