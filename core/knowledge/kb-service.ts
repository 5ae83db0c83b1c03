import type { Knex } from 'knex';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { NotFound } from '../errors';
import { isoTime } from '../time';
import { actorFields, type Actor } from '../users/users';
import { SearchIndex } from './search-index';
import { tokenize } from './tokenize';

export const articleInputSchema = z.object({
  title: z.string().trim().min(1).max(255),
  body: z.string().trim().min(1).max(20_000),
  tags: z.array(z.string().trim().min(1).max(32)).max(20).default([]),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  published: z.boolean().default(true),
});
export type ArticleInput = z.input<typeof articleInputSchema>;

export interface Article {
  id: number;
  title: string;
  body: string;
  tags: string[];
  locale: 'zh-CN' | 'en';
  published: boolean;
  updatedAt: string | null;
}

interface ArticleRow {
  id: number;
  title: string;
  body: string;
  tags: string;
  locale: 'zh-CN' | 'en';
  published: number | boolean;
  updated_at: unknown;
}

const toArticle = (r: ArticleRow): Article => ({
  id: r.id,
  title: r.title,
  body: r.body,
  tags: JSON.parse(r.tags) as string[],
  locale: r.locale,
  published: Boolean(r.published),
  updatedAt: isoTime(r.updated_at),
});

/** Knowledge-base articles, searched in Chinese and English through one in-memory index. */
export class KnowledgeBase {
  private index: SearchIndex | undefined;

  constructor(
    private readonly db: Knex,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(includeDrafts: boolean): Promise<Article[]> {
    const q = this.db('kb_articles').orderBy('id');
    if (!includeDrafts) q.where({ published: true });
    return ((await q) as ArticleRow[]).map(toArticle);
  }

  async get(id: number, includeDrafts = true): Promise<Article> {
    const row = (await this.db('kb_articles').where({ id }).first()) as ArticleRow | undefined;
    if (!row || (!includeDrafts && !row.published)) throw new NotFound(`article ${id} not found`);
    return toArticle(row);
  }

  async create(input: ArticleInput, actor: Actor): Promise<Article> {
    const a = articleInputSchema.parse(input);
    const now = new Date(this.clock.now());
    const [id] = await this.db('kb_articles').insert({ ...a, tags: JSON.stringify(a.tags), search_terms: terms(a), created_at: now, updated_at: now });
    await this.audit.record({ ...actorFields(actor), action: 'create', entity: 'kb_article', entityId: Number(id), data: { title: a.title } });
    this.index = undefined;
    return this.get(Number(id));
  }

  async update(id: number, patch: Partial<ArticleInput>, actor: Actor): Promise<Article> {
    const current = await this.get(id);
    const a = articleInputSchema.parse({ ...current, ...patch });
    await this.db('kb_articles').where({ id }).update({ ...a, tags: JSON.stringify(a.tags), search_terms: terms(a), updated_at: new Date(this.clock.now()) });
    await this.audit.record({ ...actorFields(actor), action: 'update', entity: 'kb_article', entityId: id, data: { title: a.title } });
    this.index = undefined;
    return this.get(id);
  }

  async remove(id: number, actor: Actor): Promise<void> {
    if (!(await this.db('kb_articles').where({ id }).delete())) throw new NotFound(`article ${id} not found`);
    await this.audit.record({ ...actorFields(actor), action: 'delete', entity: 'kb_article', entityId: id });
    this.index = undefined;
  }

  /** Published articles best matching a question, best first. */
  async search(query: string, limit = 5): Promise<Array<Article & { score: number }>> {
    const index = await this.searchIndex();
    const hits = index.search(query, limit);
    if (hits.length === 0) return [];
    const rows = (await this.db('kb_articles').whereIn('id', hits.map((h) => h.id))) as ArticleRow[];
    return hits.flatMap((h) => {
      const row = rows.find((r) => r.id === h.id);
      return row ? [{ ...toArticle(row), score: h.score }] : [];
    });
  }

  private async searchIndex(): Promise<SearchIndex> {
    if (this.index) return this.index;
    const index = new SearchIndex();
    for (const a of await this.list(false)) index.add(a);
    this.index = index;
    return index;
  }
}

function terms(a: { title: string; body: string; tags: string[] }): string {
  return [...new Set(tokenize(`${a.title} ${a.body} ${a.tags.join(' ')}`))].join(' ');
}
