import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';

// /help: the public self-service page. Customers search the knowledge base without chatting.

interface Hit {
  id: number;
  title: string;
  body: string;
  tags: string[];
}

const params = new URLSearchParams(location.search);
const en = params.get('lang') === 'en' || (!params.get('lang') && document.documentElement.lang === 'en');
const words = en
  ? { title: 'Help centre', lead: 'Search our answers, or chat with us.', placeholder: 'Describe your question, e.g. reset password', search: 'Search', none: 'No article matches. Try other words, or chat with us.', back: '← Back to results', popular: 'Type a question above to find answers.' }
  : { title: '帮助中心', lead: '搜索常见问题，或联系在线客服。', placeholder: '描述您的问题，例如：重置密码', search: '搜索', none: '没有找到相关文章，换个说法试试，或联系在线客服。', back: '← 返回搜索结果', popular: '在上方输入问题即可查找答案。' };

const css = `
body{font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;color:#111827}
.hero{background:linear-gradient(135deg,#2563eb,#1d4ed8);color:#fff;padding:48px 20px 64px;text-align:center}
.hero h1{margin:0 0 8px;font-size:30px}.hero p{margin:0 0 22px;opacity:.9}
.search{max-width:620px;margin:0 auto;display:flex;gap:8px}
.search input{flex:1;font:inherit;font-size:16px;padding:13px 16px;border-radius:12px;border:0;outline:none}
.search button{font:inherit;font-weight:600;padding:0 20px;border-radius:12px;border:0;background:#111827;color:#fff;cursor:pointer}
main{max-width:760px;margin:-32px auto 40px;padding:0 16px}
.card{background:#fff;border-radius:14px;box-shadow:0 4px 16px rgba(17,24,39,.08);padding:18px 20px;margin-bottom:12px}
.card h2{font-size:17px;margin:0 0 6px}.card a{color:#1d4ed8;text-decoration:none}
.card p{margin:0;color:#4b5563;white-space:pre-wrap}
.muted{color:#6b7280;text-align:center;padding:24px}
.article h2{font-size:22px}.back{display:inline-block;margin-bottom:10px;color:#1d4ed8;cursor:pointer;background:none;border:0;font:inherit;padding:0}
`;

function Help() {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [article, setArticle] = useState<Hit | null>(null);
  const open = async (id: string) => {
    const res = await fetch(`/api/kb/articles/${encodeURIComponent(id)}`);
    if (res.ok) setArticle((await res.json()) as Hit);
  };
  useEffect(() => {
    const id = params.get('article');
    if (id) void open(id);
  }, []);
  const search = async (e: Event) => {
    e.preventDefault();
    if (!q.trim()) return;
    setArticle(null);
    const res = await fetch(`/api/kb/search?q=${encodeURIComponent(q.trim())}`);
    setHits(res.ok ? ((await res.json()) as Hit[]) : []);
  };
  return (
    <>
      <style>{css}</style>
      <section class="hero">
        <h1>{words.title}</h1>
        <p>{words.lead}</p>
        <form class="search" onSubmit={search}>
          <input data-testid="help-q" value={q} placeholder={words.placeholder} onInput={(e) => setQ(e.currentTarget.value)} aria-label={words.search} />
          <button data-testid="help-search">{words.search}</button>
        </form>
      </section>
      <main>
        {article ? (
          <div class="card article" data-testid="help-article">
            {hits && <button class="back" onClick={() => setArticle(null)}>{words.back}</button>}
            <h2>{article.title}</h2>
            <p>{article.body}</p>
          </div>
        ) : hits === null ? (
          <div class="card muted">{words.popular}</div>
        ) : hits.length === 0 ? (
          <div class="card muted" data-testid="help-none">{words.none}</div>
        ) : (
          hits.map((h) => (
            <div class="card" key={h.id} data-testid="help-hit">
              <h2><a href={`?article=${h.id}${en ? '&lang=en' : ''}`} onClick={(e) => (e.preventDefault(), setArticle(h))}>{h.title}</a></h2>
              <p>{h.body.length > 160 ? `${h.body.slice(0, 159)}…` : h.body}</p>
            </div>
          ))
        )}
      </main>
    </>
  );
}

const root = document.getElementById('help-root');
if (root) render(<Help />, root);
