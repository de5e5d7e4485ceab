import { applyCenterChange, type CenterChange } from "../communes/center-update.ts";
import type { CommuneDirectory } from "../communes/directory.ts";
import type { ElsewhereItem } from "../elsewhere/schema.ts";
import type { Field, LocalizedText, PostedList, Procedure, SynonymsFile } from "./schema.ts";

/** A note a commune adds to a procedure on its posted list. */
export type LocalNote = LocalizedText;

/**
 * The validated catalog: procedures, fields, every commune of the country and what each one
 * posts, and the procedures other agencies decide (to send citizens there). Read-only once loaded.
 */
export class Catalog {
  readonly procedures: ReadonlyMap<string, Procedure>;
  private readonly defaultList: string[];
  private readonly postedSets = new Map<string, ReadonlySet<string>>();

  constructor(
    readonly fields: readonly Field[],
    procedures: readonly Procedure[],
    readonly communes: CommuneDirectory,
    readonly synonyms: SynonymsFile,
    private readonly postedLists: ReadonlyMap<string, PostedList> = new Map(),
    /** Procedures citizens ask about that are not done at the commune, in the file's order. */
    readonly elsewhere: readonly ElsewhereItem[] = [],
  ) {
    this.procedures = new Map(procedures.map((p) => [p.code, p]));
    this.defaultList = procedures.filter((p) => p.postedByDefault).map((p) => p.code);
  }

  procedure(code: string): Procedure | undefined {
    return this.procedures.get(code);
  }

  elsewhereItem(id: string): ElsewhereItem | undefined {
    return this.elsewhere.find((e) => e.id === id);
  }

  field(id: string): Field | undefined {
    return this.fields.find((f) => f.id === id);
  }

  /**
   * Codes of the procedures a commune posts, in its order: its own imported list when it has one,
   * else the national commune-level list plus its local additions. Built once per commune, as a
   * set, since every search a resident makes is limited to it.
   */
  postedCodes(communeCode: string): ReadonlySet<string> {
    let codes = this.postedSets.get(communeCode);
    if (!codes) {
      const own = this.postedLists.get(communeCode)?.procedures.map((p) => p.code);
      const extra = this.communes.get(communeCode)?.details?.extraProcedures ?? [];
      codes = new Set(own ?? [...this.defaultList, ...extra]);
      this.postedSets.set(communeCode, codes);
    }
    return codes;
  }

  /** The commune's note on a procedure, if it wrote one. */
  localNote(communeCode: string, procedureCode: string): LocalNote | undefined {
    const imported = this.postedLists.get(communeCode)?.procedures.find((p) => p.code === procedureCode)?.note;
    if (imported) return { vi: imported, en: imported };
    return this.communes.get(communeCode)?.details?.procedureNotes[procedureCode];
  }

  /** Shows a center change made by staff (a move, new hours) from now on. */
  applyCenterChange(communeCode: string, change: CenterChange): void {
    const commune = this.communes.get(communeCode);
    if (commune) commune.center = applyCenterChange(commune, commune.dataCenter, change);
  }

  /** Procedures of a field, in the order of the catalog, optionally limited to a commune's list. */
  proceduresInField(fieldId: string, communeCode?: string): Procedure[] {
    const codes = communeCode ? this.postedCodes(communeCode) : undefined;
    return [...this.procedures.values()].filter((p) => p.field === fieldId && (!codes || codes.has(p.code)));
  }
}
