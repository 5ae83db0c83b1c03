import { tokenize } from './tokenize';

export interface IndexedDoc {
  id: number;
  /** Title terms count double: a match in the title says more than one in the body. */
  title: string;
  body: string;
  tags: string[];
}

export interface SearchHit {
  id: number;
  score: number;
}

/** BM25 over the tokens of `tokenize`, in memory: a knowledge base is thousands of articles, not millions. */
export class SearchIndex {
  private docs = new Map<number, Map<string, number>>();
  private lengths = new Map<number, number>();
  private df = new Map<string, number>();
  private totalLength = 0;

  constructor(private readonly k1 = 1.2, private readonly b = 0.75) {}

  add(doc: IndexedDoc): void {
    this.remove(doc.id);
    const terms = [...tokenize(doc.title), ...tokenize(doc.title), ...tokenize(doc.body), ...doc.tags.flatMap(tokenize)];
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.docs.set(doc.id, tf);
    this.lengths.set(doc.id, terms.length);
    this.totalLength += terms.length;
  }

  remove(id: number): void {
    const tf = this.docs.get(id);
    if (!tf) return;
    for (const t of tf.keys()) {
      const n = (this.df.get(t) ?? 1) - 1;
      if (n === 0) this.df.delete(t);
      else this.df.set(t, n);
    }
    this.totalLength -= this.lengths.get(id) ?? 0;
    this.docs.delete(id);
    this.lengths.delete(id);
  }

  search(query: string, limit = 5): SearchHit[] {
    const terms = [...new Set(tokenize(query))];
    const n = this.docs.size;
    if (n === 0 || terms.length === 0) return [];
    const avgLength = this.totalLength / n;
    const hits: SearchHit[] = [];
    for (const [id, tf] of this.docs) {
      let score = 0;
      for (const t of terms) {
        const f = tf.get(t);
        if (!f) continue;
        const df = this.df.get(t) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const len = this.lengths.get(id) ?? 0;
        score += (idf * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * len) / avgLength));
      }
      if (score > 0) hits.push({ id, score });
    }
    return hits.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
  }
}
