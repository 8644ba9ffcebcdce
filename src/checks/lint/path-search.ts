// Which earlier instruction of a stage first put a path in the image, found in one pass for every path: a search of
// many paths at once in instruction texts (Aho-Corasick), and the COPYs of the whole context by destination folder.

/**
 * Substring search of many patterns at once (Aho-Corasick): feed texts in order, and it remembers, per pattern, the
 * first text that contained it. Linear in the patterns and the texts, however many of either there are.
 */
export class FirstContaining {
  private readonly next = new Map<number, number>();
  private readonly fail: number[] = [0];
  /** The pattern ending at a node, or -1; and the nearest node down the fail chain that ends one (-1 for none). */
  private readonly ends: number[] = [-1];
  private readonly dict: number[] = [-1];
  private readonly ids = new Map<string, number>();
  private readonly nodeOf: number[] = [];
  private readonly seenRound: number[] = [];
  private readonly seenAt: number[] = [];
  private round = 0;

  constructor(patterns: Iterable<string>) {
    for (const p of patterns) {
      if (this.ids.has(p) || p.length === 0) continue;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const key = node * 65536 + p.charCodeAt(i);
        let child = this.next.get(key);
        if (child === undefined) {
          child = this.fail.length;
          this.next.set(key, child);
          this.fail.push(0);
          this.ends.push(-1);
          this.dict.push(-1);
        }
        node = child;
      }
      this.ids.set(p, this.nodeOf.length);
      this.ends[node] = this.nodeOf.length;
      this.nodeOf.push(node);
      this.seenRound.push(-1);
      this.seenAt.push(-1);
    }
    // Breadth first: a node's fail link is the longest proper suffix of its path that is also a path.
    const children = new Map<number, [number, number][]>();
    for (const [key, child] of this.next) {
      const parent = Math.floor(key / 65536);
      const list = children.get(parent);
      if (list) list.push([key % 65536, child]);
      else children.set(parent, [[key % 65536, child]]);
    }
    const queue = [0];
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q];
      for (const [char, child] of children.get(node) ?? []) {
        if (node !== 0) {
          let f = this.fail[node];
          while (f !== 0 && !this.next.has(f * 65536 + char)) f = this.fail[f];
          this.fail[child] = this.next.get(f * 65536 + char) ?? 0;
        }
        const f = this.fail[child];
        this.dict[child] = this.ends[f] >= 0 ? f : this.dict[f];
        queue.push(child);
      }
    }
  }

  /** Forget what was seen (a new build stage). */
  reset(): void {
    this.round++;
  }

  /** Notes every pattern `text` contains, with `at` as where it was seen, unless it was seen before. */
  feed(text: string, at: number): void {
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      let child = this.next.get(node * 65536 + char);
      while (child === undefined && node !== 0) {
        node = this.fail[node];
        child = this.next.get(node * 65536 + char);
      }
      node = child ?? 0;
      // Every pattern down the chain is a suffix of the one before: once one was seen, so were the rest.
      for (let n = this.ends[node] >= 0 ? node : this.dict[node]; n !== -1; n = this.dict[n]) {
        const id = this.ends[n];
        if (this.seenRound[id] === this.round) break;
        this.seenRound[id] = this.round;
        this.seenAt[id] = at;
      }
    }
  }

  /** Where `pattern` was first seen since the last reset, or Infinity. */
  first(pattern: string): number {
    const id = this.ids.get(pattern);
    return id !== undefined && this.seenRound[id] === this.round ? this.seenAt[id] : Infinity;
  }
}

/**
 * The first COPY of the whole context, in one build stage, that may have put a path there: any such COPY for a
 * relative path; for an absolute one, a COPY to an absolute folder (not /) that the path starts with.
 */
export class WholeContextCopies {
  private firstRelative = Infinity;
  /** Absolute destinations as a trie of their characters, each end holding the first index that copied there. */
  private readonly trie = new Map<string, number>();
  private readonly ends = new Map<number, number>();

  add(dest: string, index: number): void {
    this.firstRelative = Math.min(this.firstRelative, index);
    if (!dest.startsWith('/') || dest === '/') return;
    let node = 0;
    for (const char of dest) {
      const key = `${node}:${char}`;
      let child = this.trie.get(key);
      if (child === undefined) this.trie.set(key, (child = this.trie.size + 1));
      node = child;
    }
    if (!this.ends.has(node)) this.ends.set(node, index);
  }

  first(path: string): number {
    if (!path.startsWith('/')) return this.firstRelative;
    let best = Infinity;
    let node = 0;
    for (const char of path) {
      const child = this.trie.get(`${node}:${char}`);
      if (child === undefined) break;
      node = child;
      best = Math.min(best, this.ends.get(node) ?? Infinity);
    }
    return best;
  }
}
