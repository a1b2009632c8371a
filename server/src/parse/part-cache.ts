/**
 * The parts of documents read in parts (yaml-chunks.ts, json-parts.ts, hcl-parts.ts), each kept by its
 * text up to a budget of characters. The least recently used go first: every analysis of a document
 * touches all of its parts, so a long document being edited keeps its parts while the variants its
 * keystrokes made, and other documents' parts, make way.
 */
export class PartCache<T> {
  private readonly parts = new Map<string, T>();
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(key: string): T | undefined {
    const hit = this.parts.get(key);
    if (hit !== undefined) {
      this.parts.delete(key);
      this.parts.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: T): void {
    if (this.parts.has(key)) return;
    this.parts.set(key, value);
    this.chars += key.length;
    for (const k of this.parts.keys()) {
      if (this.chars <= this.maxChars) break;
      this.parts.delete(k);
      this.chars -= k.length;
    }
  }

  clear(): void {
    this.parts.clear();
    this.chars = 0;
  }
}
