import { ErrorAlert } from '../../../components/ErrorAlert';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { Modal } from '../../../components/Modal';
import { crmApi, ticketPriorities, type Ticket, type TicketPriority } from '../../../crm-api';
import { useForm } from '../../../hooks/useForm';
import { useT } from '../../../i18n';

/** A ticket written by the agent (source "manual"), optionally about one contact. */
export function TicketForm(props: { contactId?: number; onClose(): void; onCreated(ticket: Ticket): void }) {
  const t = useT();
  const form = useForm<{ subject: string; description: string; priority: TicketPriority }>({ subject: '', description: '', priority: 'normal' });
  const save = (e: Event) => {
    e.preventDefault();
    void form.submit(async (v) => {
      props.onCreated(await crmApi.tickets.create({ ...v, source: 'manual', contactId: props.contactId ?? null }));
    });
  };
  return (
    <Modal title={t('tickets.new')} onClose={props.onClose} size="lg" testId="ticket-form">
      <form onSubmit={save} noValidate>
        <div class="modal-body">
          <ErrorAlert error={form.error} />
          <TextField id="ticket-subject" label={t('tickets.subject')} value={form.values.subject} onValue={(v) => form.set('subject', v)} error={form.fieldErrors.subject} testId="ticket-subject" autoFocus />
          <TextAreaField id="ticket-description" label={t('tickets.description')} rows={5} value={form.values.description} onValue={(v) => form.set('description', v)} error={form.fieldErrors.description} testId="ticket-description" />
          <SelectField
            id="ticket-priority"
            class="mb-0"
            label={t('tickets.priority')}
            value={form.values.priority}
            onValue={(v) => form.set('priority', v)}
            options={ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }))}
            testId="ticket-new-priority"
          />
        </div>
        <div class="modal-footer">
          <button type="button" class="btn btn-outline-secondary" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button class="btn btn-primary" disabled={form.busy} data-testid="ticket-save">
            {form.busy ? t('common.saving') : t('common.create')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
