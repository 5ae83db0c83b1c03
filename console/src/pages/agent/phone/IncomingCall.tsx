import { formatDuration } from '../../../format';
import { useT } from '../../../i18n';
import { Link } from '../../../router';
import { Icon } from './icons';
import type { CallView } from './phone-state';

/** Where a contact's record opens in the console. */
export const contactPath = (contactId: number): string => `/agent/contacts/${contactId}`;

/** The screen-pop: who is calling (the CRM record the ACD matched), from which queue and IVR path. */
export function IncomingCall(props: { call: CallView; onAnswer(): void; onDecline(): void }) {
  const t = useT();
  const { call } = props;
  const offer = call.offer;
  const contact = offer?.contact ?? null;
  const number = offer?.from ?? call.remote;
  const name = contact?.name || call.remoteName || number;
  const queue = offer?.queueName ?? call.queue;
  const busy = call.pending !== null;
  return (
    <div class="card shadow-lg border-0 phone-incoming" role="alertdialog" aria-labelledby={`incoming-${call.id}`} data-testid="phone-incoming">
      <div class="card-header bg-success text-white d-flex align-items-center gap-2 border-0">
        <span class="phone-ring-dot" aria-hidden="true">
          <Icon name={call.video ? 'video' : 'phone'} size={16} />
        </span>
        <span class="fw-semibold">{call.video ? t('phone.incomingVideo') : t('phone.incoming')}</span>
        {queue && (
          <span class="badge text-bg-light ms-auto" data-testid="phone-incoming-queue">
            {queue}
          </span>
        )}
      </div>
      <div class="card-body">
        <div class="d-flex align-items-center gap-3 mb-2">
          <div class="phone-avatar" aria-hidden="true">
            <Icon name="user" size={22} />
          </div>
          <div class="min-w-0">
            <div class="fs-5 fw-semibold text-truncate" id={`incoming-${call.id}`} data-testid="phone-incoming-name">
              {name}
            </div>
            <div class="text-secondary font-monospace" data-testid="phone-incoming-number">
              {number}
            </div>
          </div>
        </div>
        {contact && contact.tags.length > 0 && (
          <div class="d-flex flex-wrap gap-1 mb-2" data-testid="phone-incoming-tags">
            {contact.tags.map((tag) => (
              <span key={tag} class="badge rounded-pill text-bg-warning">
                {tag}
              </span>
            ))}
          </div>
        )}
        {offer && (
          <dl class="row small mb-2 gx-2">
            <dt class="col-4 text-secondary fw-normal">{t('phone.ivrPath')}</dt>
            <dd class="col-8 mb-1" data-testid="phone-incoming-ivr">
              {offer.ivrPath.length === 0
                ? t('phone.ivrNone')
                : offer.ivrPath.map((step, i) => (
                    <span key={i} class="text-nowrap">
                      {i > 0 && <span class="text-secondary mx-1">›</span>}
                      {step.node}
                      {step.digits && <span class="badge text-bg-secondary ms-1 font-monospace">{step.digits}</span>}
                    </span>
                  ))}
            </dd>
            <dt class="col-4 text-secondary fw-normal">{t('phone.waited')}</dt>
            <dd class="col-8 mb-0" data-testid="phone-incoming-waited">
              {formatDuration(offer.waitedSeconds)}
            </dd>
          </dl>
        )}
        {contact && (
          <Link href={contactPath(contact.id)} class="small d-inline-block mb-3" data-testid="phone-incoming-contact">
            {t('phone.openContact')}
          </Link>
        )}
        <div class="d-flex gap-2">
          <button type="button" class="btn btn-success flex-grow-1 d-inline-flex align-items-center justify-content-center gap-2" disabled={busy} data-testid="phone-answer" onClick={props.onAnswer}>
            <Icon name="phone" /> {t('phone.answer')}
          </button>
          <button type="button" class="btn btn-danger flex-grow-1 d-inline-flex align-items-center justify-content-center gap-2" disabled={busy} data-testid="phone-decline" onClick={props.onDecline}>
            <Icon name="hangup" /> {t('phone.decline')}
          </button>
        </div>
        {call.error && <div class="text-danger small mt-2">{call.error}</div>}
      </div>
    </div>
  );
}
