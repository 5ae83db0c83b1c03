import { useState } from 'preact/hooks';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { crmApi } from '../../../crm-api';
import { useResource } from '../../../hooks/useResource';
import { useT } from '../../../i18n';
import { Link, useQueryParam } from '../../../router';
import { ContactDetail } from './ContactDetail';

/** CRM contacts: search, then read and edit one. `?id=` opens one (links from tickets and the chat desk). */
export function ContactsPage() {
  const t = useT();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const results = useResource(() => crmApi.contacts.search(query), [query]);
  const selected = Number(useQueryParam('id')) || null;
  const search = (e: Event) => {
    e.preventDefault();
    // Searching the same words again still refreshes (a colleague may have added someone).
    if (text.trim() === query) void results.reload();
    else setQuery(text.trim());
  };

  return (
    <div data-testid="contacts-page">
      <PageHeader title={t('contacts.title')} />
      <div class="row g-3">
        <div class="col-12 col-xl-4">
          <form class="input-group mb-3" role="search" onSubmit={search}>
            <input
              type="search"
              class="form-control"
              aria-label={t('contacts.searchLabel')}
              placeholder={t('contacts.searchLabel')}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              data-testid="contact-search"
            />
            <button class="btn btn-outline-primary" data-testid="contact-search-submit">
              {t('contacts.search')}
            </button>
          </form>
          <ErrorAlert error={results.error} />
          {results.loading && !results.data ? (
            <Loading />
          ) : (
            <div class="list-group shadow-sm" data-testid="contact-results">
              {(results.data ?? []).map((c) => (
                <Link
                  key={c.id}
                  href={`/agent/contacts?id=${c.id}`}
                  class={`list-group-item list-group-item-action${c.id === selected ? ' active' : ''}`}
                  aria-current={c.id === selected ? 'page' : undefined}
                  data-testid={`contact-row-${c.id}`}
                >
                  <div class="fw-semibold text-truncate">{c.name || t('contacts.unnamed')}</div>
                  <div class="small opacity-75 text-truncate">{[c.phone, c.email, c.company].filter(Boolean).join(' · ')}</div>
                </Link>
              ))}
              {results.data?.length === 0 && <div class="list-group-item text-secondary">{t('contacts.empty')}</div>}
            </div>
          )}
        </div>
        <div class="col-12 col-xl-8">
          {selected ? <ContactDetail key={selected} id={selected} onSaved={() => void results.reload()} /> : <div class="text-secondary py-4">{t('contacts.pick')}</div>}
        </div>
      </div>
    </div>
  );
}
