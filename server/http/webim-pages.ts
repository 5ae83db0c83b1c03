import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Express, Response } from 'express';
import type { SiteService } from '../../omnichannel/webim/sites';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The pages customers see outside the console: the widget script itself, the self-service help
 * page (/help) and a demo company page with the embed snippet (/demo/chat). Static files, not API.
 */
export function webimPages(app: Express, deps: { widgetDir: string; sites: SiteService }): void {
  const script = (name: string) => (_req: unknown, res: Response) => {
    const file = join(deps.widgetDir, name);
    if (!existsSync(file)) {
      res.status(503).type('text/plain').send('the widget is not built: run npm run build');
      return;
    }
    // Any site may load the script; what it may do is decided per site token on our side.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('text/javascript; charset=utf-8').sendFile(file);
  };
  app.get('/widget.js', script('widget.js'));
  app.get('/help.js', script('help.js'));

  app.get('/help', (req, res) => {
    const lang = req.query.lang === 'en' ? 'en' : 'zh-CN';
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${lang === 'en' ? 'Help centre' : '帮助中心'}</title></head>
<body style="margin:0;background:#f5f7fb"><div id="help-root"></div><script src="/help.js"></script></body></html>`);
  });

  app.get('/demo/chat', async (req, res) => {
    const lang = req.query.lang === 'en' ? 'en' : 'zh-CN';
    const wanted = typeof req.query.site === 'string' ? req.query.site : undefined;
    const token = wanted ?? (await deps.sites.list()).find((s) => s.active)?.token ?? '';
    const user = typeof req.query.user === 'string' && typeof req.query.hash === 'string' ? ` data-user-id="${escape(req.query.user)}" data-user-hash="${escape(req.query.hash)}"` : '';
    const zh = lang === 'zh-CN';
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${zh ? '青禾云 — 为小团队打造的云服务' : 'Qinghe Cloud — cloud services for small teams'}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;color:#1f2937;background:#fff}
header{display:flex;align-items:center;justify-content:space-between;padding:18px 6vw;border-bottom:1px solid #eef0f4}
.logo{font-weight:700;font-size:20px;color:#0f766e}.logo span{display:inline-block;width:28px;height:28px;border-radius:8px;background:#0f766e;margin-right:8px;vertical-align:-7px}
nav a{margin-left:22px;color:#4b5563;text-decoration:none;font-size:15px}
.hero{padding:72px 6vw 56px;background:linear-gradient(160deg,#ecfdf5,#fff 60%)}
.hero h1{font-size:clamp(28px,5vw,46px);margin:0 0 14px;max-width:720px;line-height:1.15}
.hero p{font-size:18px;color:#4b5563;max-width:620px;margin:0 0 28px}
.cta{display:inline-block;background:#0f766e;color:#fff;padding:12px 22px;border-radius:10px;text-decoration:none;font-weight:600}
.plans{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:20px;padding:48px 6vw}
.plan{border:1px solid #e5e7eb;border-radius:14px;padding:24px}.plan h3{margin:0 0 6px}.price{font-size:28px;font-weight:700;margin:10px 0}
footer{padding:28px 6vw;color:#6b7280;font-size:14px;border-top:1px solid #eef0f4}
@media (max-width:640px){nav{display:none}}
</style></head><body>
<header><div class="logo"><span></span>${zh ? '青禾云' : 'Qinghe Cloud'}</div>
<nav><a href="#">${zh ? '产品' : 'Products'}</a><a href="#">${zh ? '价格' : 'Pricing'}</a><a href="/help?lang=${lang}">${zh ? '帮助中心' : 'Help'}</a></nav></header>
<section class="hero"><h1>${zh ? '云主机、对象存储和备份，一个账单搞定' : 'Servers, storage and backups on one bill'}</h1>
<p>${zh ? '为 5–50 人的团队设计。按月付费，随时升级，7×24 小时在线客服。' : 'Built for teams of 5 to 50. Pay monthly, upgrade any time, talk to us around the clock.'}</p>
<a class="cta" href="#">${zh ? '免费试用 14 天' : 'Try it free for 14 days'}</a></section>
<section class="plans">
<div class="plan"><h3>${zh ? '入门版' : 'Starter'}</h3><div class="price">¥99</div><div>${zh ? '2 核 4G · 100G 存储' : '2 vCPU · 4 GB · 100 GB'}</div></div>
<div class="plan"><h3>${zh ? '团队版' : 'Team'}</h3><div class="price">¥399</div><div>${zh ? '8 核 16G · 1T 存储' : '8 vCPU · 16 GB · 1 TB'}</div></div>
<div class="plan"><h3>${zh ? '企业版' : 'Business'}</h3><div class="price">${zh ? '联系我们' : 'Talk to us'}</div><div>${zh ? '专属客户经理' : 'A dedicated account manager'}</div></div>
</section>
<footer>© 2026 ${zh ? '青禾云（演示页面）' : 'Qinghe Cloud (demo page)'}</footer>
<script src="/widget.js" data-site="${escape(token)}"${user}></script>
</body></html>`);
  });
}
