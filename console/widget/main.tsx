import { render } from 'preact';
import { WidgetClient } from './client';
import { pickLocale } from './i18n';
import { css } from './styles';
import { Widget } from './Widget';

// Entry of /widget.js: <script src="https://cc.example.com/widget.js" data-site="TOKEN"
//   [data-lang="en"] [data-user-id="42" data-user-hash="hex HMAC-SHA256(user id, site secret)"]></script>
// Everything renders in a shadow root so the host page's styles and ours never mix.

const script = document.currentScript as HTMLScriptElement | null;

function boot(): void {
  if (!script?.dataset.site) {
    console.error('widget.js: data-site is missing');
    return;
  }
  const base = new URL(script.src).origin;
  const locale = pickLocale(script.dataset.lang, document.documentElement.lang);
  const host = document.createElement('div');
  host.setAttribute('data-cc-widget', '');
  document.body.appendChild(host);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  const root = document.createElement('div');
  root.className = 'root';
  root.lang = locale;
  shadow.append(style, root);
  const client = new WidgetClient({ base, site: script.dataset.site, locale, ...(script.dataset.userId ? { userId: script.dataset.userId, userHash: script.dataset.userHash ?? '' } : {}) });
  void client.start();
  render(<Widget client={client} locale={locale} />, root);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
