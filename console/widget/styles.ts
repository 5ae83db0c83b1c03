/** The widget's own stylesheet, inside its shadow root: the host page's CSS cannot reach it, nor ours the page. */
export const css = `
:host{all:initial}
*{box-sizing:border-box}
.root{--p:#2563eb;--p-dark:#1d4ed8;--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;font-family:system-ui,-apple-system,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.45;color:var(--ink)}
.launcher{position:fixed;right:24px;bottom:24px;width:60px;height:60px;border-radius:50%;border:0;background:var(--p);color:#fff;box-shadow:0 8px 24px rgba(37,99,235,.35);cursor:pointer;display:flex;align-items:center;justify-content:center;z-index:2147483000;transition:transform .15s}
.launcher:hover{transform:scale(1.05)}
.launcher svg{width:28px;height:28px}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;border-radius:10px;background:#ef4444;color:#fff;font-size:12px;font-weight:600;display:flex;align-items:center;justify-content:center;padding:0 5px}
.panel{position:fixed;right:24px;bottom:24px;width:380px;height:min(640px,calc(100vh - 48px));background:#fff;border-radius:16px;box-shadow:0 20px 60px rgba(17,24,39,.25);display:flex;flex-direction:column;overflow:hidden;z-index:2147483000}
.head{background:linear-gradient(135deg,var(--p),var(--p-dark));color:#fff;padding:16px 16px 14px;display:flex;align-items:center;gap:12px}
.avatar{width:38px;height:38px;border-radius:50%;background:rgba(255,255,255,.2);display:flex;align-items:center;justify-content:center;font-weight:600;flex:none}
.head-text{flex:1;min-width:0}
.head-title{font-weight:600;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.head-sub{font-size:12px;opacity:.85}
.icon-btn{background:transparent;border:0;color:inherit;cursor:pointer;padding:6px;border-radius:8px;display:flex}
.icon-btn:hover{background:rgba(255,255,255,.15)}
.icon-btn svg{width:18px;height:18px}
.notice{padding:8px 14px;font-size:12.5px;background:#eff6ff;color:#1e40af;border-bottom:1px solid #dbeafe}
.notice.confirm{display:flex;align-items:center;gap:8px}.notice.confirm span{flex:1}
.notice.warn{background:#fffbeb;color:#92400e;border-color:#fde68a}
.body{flex:1;overflow-y:auto;background:var(--bg);padding:14px}
.form{display:flex;flex-direction:column;gap:12px;padding:18px;overflow-y:auto;flex:1}
.form p{margin:0;color:var(--muted)}
.field label{display:block;font-size:12.5px;color:#374151;margin-bottom:4px;font-weight:500}
.field .req{color:#dc2626;margin-left:2px}
input,textarea{font:inherit;color:inherit;width:100%;border:1px solid #d1d5db;border-radius:10px;padding:9px 11px;background:#fff;outline:none}
input:focus,textarea:focus{border-color:var(--p);box-shadow:0 0 0 3px rgba(37,99,235,.15)}
textarea{resize:none}
.btn{font:inherit;font-weight:600;border:0;border-radius:10px;padding:10px 14px;background:var(--p);color:#fff;cursor:pointer}
.btn:hover{background:var(--p-dark)}
.btn:disabled{opacity:.6;cursor:default}
.btn.ghost{background:#fff;color:var(--p);border:1px solid #bfdbfe}
.btn.small{padding:6px 12px;font-size:13px}
.error{color:#b91c1c;font-size:12.5px}
.row{display:flex;margin:6px 0;gap:8px;align-items:flex-end}
.row.me{justify-content:flex-end}
.mini{width:28px;height:28px;border-radius:50%;background:#dbeafe;color:var(--p-dark);display:flex;align-items:center;justify-content:center;font-size:12px;font-weight:600;flex:none}
.mini.bot{background:#ede9fe;color:#6d28d9}
.bubble{max-width:76%;padding:9px 12px;border-radius:14px;background:#fff;border:1px solid var(--line);white-space:pre-wrap;word-break:break-word}
.me .bubble{background:var(--p);color:#fff;border-color:var(--p);border-bottom-right-radius:4px}
.them .bubble{border-bottom-left-radius:4px}
.who{font-size:11.5px;color:var(--muted);margin:0 0 2px 36px}
.meta{font-size:11px;color:var(--muted);text-align:right;margin-top:2px}
.meta.failed{color:#b91c1c}
.system{text-align:center;color:var(--muted);font-size:12px;margin:10px 0}
.system span{background:#eceef2;padding:3px 10px;border-radius:10px}
.cards{display:flex;flex-direction:column;gap:6px;max-width:86%}
.card{display:block;background:#fff;border:1px solid var(--line);border-radius:12px;padding:10px 12px;text-decoration:none;color:inherit}
.card:hover{border-color:#93c5fd}
.card b{display:block;color:var(--p-dark);margin-bottom:2px}
.card small{color:var(--muted)}
.bubble.pic,.me .bubble.pic{background:transparent;border:0;padding:0}
.img{max-width:200px;max-height:200px;border-radius:10px;display:block;cursor:zoom-in}
.file{color:inherit;text-decoration:underline}
.typing{font-size:12px;color:var(--muted);margin:4px 0 0 36px}
.human{display:flex;justify-content:center;margin:10px 0 4px}
.composer{border-top:1px solid var(--line);padding:10px;display:flex;gap:6px;align-items:flex-end;background:#fff;position:relative}
.composer textarea{flex:1;min-height:40px;max-height:110px;border-radius:12px}
.tool{background:transparent;border:0;color:var(--muted);cursor:pointer;padding:8px;border-radius:10px;display:flex}
.tool:hover{background:#f3f4f6;color:var(--ink)}
.tool svg{width:20px;height:20px}
.send{width:40px;height:40px;padding:0;display:flex;align-items:center;justify-content:center;border-radius:12px}
.send svg{width:18px;height:18px}
.emojis{position:absolute;bottom:58px;left:8px;background:#fff;border:1px solid var(--line);border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.12);padding:8px;display:grid;grid-template-columns:repeat(8,1fr);gap:2px}
.emojis button{border:0;background:transparent;font-size:20px;cursor:pointer;border-radius:8px;padding:4px}
.emojis button:hover{background:#f3f4f6}
.stars{display:flex;gap:6px;justify-content:center}
.stars button{border:0;background:transparent;font-size:30px;cursor:pointer;color:#d1d5db;padding:0}
.stars button.on{color:#f59e0b}
.center{text-align:center}
.foot{font-size:11px;color:#9ca3af;text-align:center;padding:6px;background:#fff}
.banner{margin:8px 0;padding:12px;border-radius:12px;background:#fff;border:1px solid var(--line)}
@media (max-width:480px){.panel{inset:0;width:100%;height:100%;border-radius:0;right:0;bottom:0}.launcher{right:16px;bottom:16px}}
`;
