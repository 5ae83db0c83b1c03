import { locales, setLocale, useLocale, useT } from '../i18n';

/** Two-button toggle; the choice is kept in localStorage for this browser. */
export function LanguageSwitch(props: { class?: string; variant?: 'light' | 'dark' }) {
  const t = useT();
  const current = useLocale();
  const tone = props.variant === 'dark' ? 'secondary' : 'light';
  return (
    <div class={`btn-group btn-group-sm ${props.class ?? ''}`} role="group" aria-label={t('nav.language')} data-testid="lang-switch">
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          class={`btn ${current === locale ? `btn-${tone}` : `btn-outline-${tone}`}`}
          aria-pressed={current === locale}
          lang={locale}
          onClick={() => setLocale(locale)}
          data-testid={`lang-${locale}`}
        >
          {t(`lang.${locale}`)}
        </button>
      ))}
    </div>
  );
}
