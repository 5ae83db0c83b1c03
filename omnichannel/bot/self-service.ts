import type { KnowledgeBase } from '../../core/knowledge/kb-service';
import type { ArticleLink } from '../../core/realtime/chat-events';

/** Words that mean "let me talk to a person", in Chinese and English. */
const humanRequest = /转人工|人工客服|人工服务|找人工|转接人工|真人客服|^\s*人工\s*$|talk to (a |an )?(person|human|agent|someone)|speak to (a |an )?(person|human|agent|someone)|human agent|real person|live agent|customer service agent/i;

export function wantsHuman(text: string): boolean {
  return humanRequest.test(text);
}

function excerpt(body: string, max = 140): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Self-service before the queue: the customer's question is matched against the knowledge base
 * and the best articles are offered; articles in the customer's language come first.
 */
export class SelfService {
  constructor(
    private readonly kb: Pick<KnowledgeBase, 'search'>,
    private readonly maxAnswers = 3,
  ) {}

  async answers(question: string, locale: 'zh-CN' | 'en'): Promise<ArticleLink[]> {
    if (!question.trim()) return [];
    const hits = await this.kb.search(question.slice(0, 200), 8);
    if (hits.length === 0) return [];
    // A weak tail match ("the" in an unrelated article) is noise: keep answers near the best score.
    const best = hits[0]?.score ?? 0;
    return hits
      .filter((h) => h.score >= best * 0.35)
      .sort((a, b) => Number(b.locale === locale) - Number(a.locale === locale) || b.score - a.score)
      .slice(0, this.maxAnswers)
      .map((h) => ({ id: h.id, title: h.title, excerpt: excerpt(h.body) }));
  }
}
