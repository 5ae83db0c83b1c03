import { useState } from 'preact/hooks';
import type { PublicSite } from '../../core/realtime/chat-events';
import type { T } from './i18n';

type Field = PublicSite['preChatFields'][number]['name'];

function Input(props: { name: Field; label: string; required: boolean; value: string; onInput: (v: string) => void; t: T; testid: string }) {
  const id = `cc-${props.testid}`;
  return (
    <div class="field">
      <label for={id}>
        {props.label}
        {props.required && <span class="req" aria-label={props.t('required')}>*</span>}
      </label>
      {props.name === 'question' ? (
        <textarea id={id} rows={3} data-testid={props.testid} value={props.value} onInput={(e) => props.onInput(e.currentTarget.value)} required={props.required} />
      ) : (
        <input id={id} type={(props.name === 'email' ? 'email' : props.name === 'phone' ? 'tel' : 'text') as 'text'} data-testid={props.testid} value={props.value} onInput={(e) => props.onInput(e.currentTarget.value)} required={props.required} />
      )}
    </div>
  );
}

/** The pre-chat form: the fields the site asks for. */
export function PreChat(props: { site: PublicSite; t: T; locale: 'zh-CN' | 'en'; onStart: (fields: Record<string, string>) => Promise<string | null> }) {
  const { t } = props;
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(await props.onStart(values));
    setBusy(false);
  };
  return (
    <form class="form" onSubmit={submit} data-testid="prechat">
      <p>{props.site.greeting[props.locale]}</p>
      {props.site.preChatFields.map((f) => (
        <Input key={f.name} name={f.name} label={t(f.name)} required={f.required} value={values[f.name] ?? ''} onInput={(v) => setValues({ ...values, [f.name]: v })} t={t} testid={`prechat-${f.name}`} />
      ))}
      {error && <div class="error">{error}</div>}
      <button class="btn" type="submit" disabled={busy} data-testid="prechat-start">
        {busy ? t('starting') : t('start')}
      </button>
    </form>
  );
}

/** The offline form: a message that becomes a ticket when nobody can chat. */
export function OfflineForm(props: { t: T; intro: string; base: string; site: string; prefill: Record<string, string> }) {
  const { t } = props;
  const [values, setValues] = useState<Record<string, string>>(props.prefill);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!values.phone && !values.email) return setError(t('contactNeeded'));
    const res = await fetch(`${props.base}/api/webim/public/${encodeURIComponent(props.site)}/offline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: values.name ?? '', phone: values.phone ?? '', email: values.email ?? '', question: values.question ?? '' }),
    });
    const body = (await res.json().catch(() => ({}))) as { ticketId?: number; error?: { message?: string } };
    if (res.ok && body.ticketId) setDone(body.ticketId);
    else setError(body.error?.message ?? String(res.status));
  };
  if (done !== null) return <div class="banner center" data-testid="offline-done">{t('offlineDone', { id: done })}</div>;
  const fields: Field[] = ['name', 'phone', 'email', 'question'];
  return (
    <form class="form" onSubmit={submit} data-testid="offline-form">
      <p>{props.intro}</p>
      {fields.map((f) => (
        <Input key={f} name={f} label={t(f)} required={f === 'question'} value={values[f] ?? ''} onInput={(v) => setValues({ ...values, [f]: v })} t={t} testid={`offline-${f}`} />
      ))}
      {error && <div class="error">{error}</div>}
      <button class="btn" type="submit" data-testid="offline-submit">
        {t('offlineSubmit')}
      </button>
    </form>
  );
}

/** Satisfaction, once the chat with a person has ended. */
export function Rating(props: { t: T; onRate: (score: number, comment: string) => Promise<boolean> }) {
  const { t } = props;
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState(false);
  if (done) return <div class="banner center" data-testid="rate-thanks">{t('rateThanks')}</div>;
  return (
    <div class="banner" data-testid="rating">
      <div class="center" style="font-weight:600;margin-bottom:8px">{t('rateTitle')}</div>
      <div class="stars" role="radiogroup">
        {[1, 2, 3, 4, 5].map((n) => (
          <button key={n} type="button" class={n <= score ? 'on' : ''} aria-label={String(n)} aria-checked={n === score} role="radio" data-testid={`rate-star-${n}`} onClick={() => setScore(n)}>
            ★
          </button>
        ))}
      </div>
      <textarea rows={2} style="margin:10px 0" placeholder={t('rateComment')} data-testid="rate-comment" value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <button class="btn small" style="width:100%" disabled={score === 0} data-testid="rate-submit" onClick={async () => setDone(await props.onRate(score, comment))}>
        {t('rateSubmit')}
      </button>
    </div>
  );
}
