import { CatalogError } from "./errors.ts";
import type { Procedure, SourceRef } from "./schema.ts";

/** Hosts whose pages are official: the national and ministry portals, government sites. */
const OFFICIAL_HOST = /(^|\.)gov\.vn$/;
/** A legal document cited with its article: "Luật Hộ tịch 2014, Điều 16", "Decree 63/2024, Article 5". */
const ARTICLE = /(^|[\s,(])(Điều|Article)\s+\d+/iu;
/** Words of internal notes nobody outside can open. */
const INTERNAL = /(ghi chú tham khảo|domain notes|notes file|DNOTES|reference\/|\.md\b)/iu;

/** Why a source is not one a citizen can open and check, or undefined when it is. */
export function sourceProblem(source: SourceRef): string | undefined {
  if (INTERNAL.test(source.ref))
    return "cites internal notes: cite the legal document and article, or an official page";
  if (source.url && !OFFICIAL_HOST.test(new URL(source.url).hostname))
    return `${source.url} is not an official (gov.vn) page`;
  if (!source.url && !ARTICLE.test(source.ref))
    return "a legal document needs its article (Điều N), or give the official page's url";
  if (source.verified !== (source.checkedAt !== undefined))
    return "verified and checkedAt go together: set both once the source was read, or neither";
  return undefined;
}

/**
 * Every procedure and every fact with its own source cites a public reference, and a procedure
 * says it was verified (and when) only if one of its sources was actually read.
 */
export function checkSources(p: Procedure, file: string): void {
  const cited: [string, SourceRef | undefined][] = [
    ...p.sources.map((s, i) => [`sources.${i}`, s] as [string, SourceRef]),
    ...p.documentGroups.flatMap((g, gi) =>
      g.documents.map(
        (d, di) => [`documentGroups.${gi}.documents.${di}.source`, d.source] as [string, SourceRef | undefined],
      ),
    ),
    ...p.channels.map((c, i) => [`channels.${i}.source`, c.source] as [string, SourceRef | undefined]),
    ...p.feeExemptions.map((e, i) => [`feeExemptions.${i}.source`, e.source] as [string, SourceRef | undefined]),
  ];
  for (const [path, source] of cited) {
    const problem = source && sourceProblem(source);
    if (problem) throw new CatalogError(file, p.code, path, problem);
  }
  const read = p.sources.some((s) => s.verified);
  if (p.verified && !read)
    throw new CatalogError(file, p.code, "verified", "verified needs a source that was read (verified: true)");
  if ((p.checkedAt !== undefined) !== p.verified)
    throw new CatalogError(file, p.code, "checkedAt", "checkedAt only, and always, with verified: true");
}
