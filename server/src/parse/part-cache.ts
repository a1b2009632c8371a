/**
 * The parts of documents read in parts (yaml-chunks.ts, json-parts.ts, hcl-parts.ts), each kept by its
 * text, all syntaxes together within one budget of characters. The least recently used go first: every
 * analysis of a document touches all of its parts, so a long document being edited keeps its parts
 * while the variants its keystrokes made, and other documents' parts, make way.
 */
export type PartKind = 'yaml' | 'json' | 'hcl';

type Slots = Partial<Record<PartKind, unknown>>;

export class PartCache {
  private readonly parts = new Map<string, Slots>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get<T>(kind: PartKind, key: string): T | undefined {
    const hit = this.parts.get(key);
    if (hit === undefined) return undefined;
    this.parts.delete(key);
    this.parts.set(key, hit);
    return hit[kind] as T | undefined;
  }

  set<T>(kind: PartKind, key: string, value: T): void {
    const slots = this.parts.get(key);
    if (slots) {
      slots[kind] ??= value;
      return;
    }
    this.parts.set(key, { [kind]: value });
    this.chars += key.length;
    for (const k of this.parts.keys()) {
      if (this.chars <= this.maxChars) break;
      this.parts.delete(k);
      this.chars -= k.length;
    }
  }

  /** Forgets the parts of one syntax (all of them when absent). */
  clear(kind?: PartKind): void {
    if (!kind) {
      this.parts.clear();
      this.chars = 0;
      return;
    }
    for (const [k, slots] of this.parts) {
      slots[kind] = undefined;
      if (Object.values(slots).every((v) => v === undefined)) {
        this.parts.delete(k);
        this.chars -= k.length;
      }
    }
  }
}

/** Parsed parts kept, all syntaxes together, in characters (a 10,000-line template's parts fit). */
export const PARTS = new PartCache(500_000);
