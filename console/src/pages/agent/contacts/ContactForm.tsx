import { useState } from 'preact/hooks';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextAreaField, TextField } from '../../../components/Field';
import { crmApi, type Contact } from '../../../crm-api';
import { useForm } from '../../../hooks/useForm';
import { useT } from '../../../i18n';

interface ContactText {
  name: string;
  company: string;
  phone: string;
  email: string;
  notes: string;
  tags: string;
}

const toText = (c: Contact): ContactText => ({ name: c.name, company: c.company, phone: c.phone ?? '', email: c.email ?? '', notes: c.notes, tags: c.tags.join(', ') });

/** The contact's editable fields; empty phone or email are saved as "none", tags split on commas. */
export function ContactForm(props: { contact: Contact; onSaved(contact: Contact): void }) {
  const t = useT();
  const form = useForm<ContactText>(toText(props.contact));
  const [saved, setSaved] = useState(false);
  const v = form.values;
  const save = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    void form.submit(async (x) => {
      const contact = await crmApi.contacts.update(props.contact.id, {
        name: x.name,
        company: x.company,
        phone: x.phone.trim() || null,
        email: x.email.trim() || null,
        notes: x.notes,
        tags: x.tags.split(/[,，]/).map((s) => s.trim()).filter(Boolean),
      });
      setSaved(true);
      props.onSaved(contact);
    });
  };
  // A bad tag is reported as `tags.2`: show it under the tags field.
  const errorFor = (key: keyof ContactText) => form.fieldErrors[key] ?? Object.entries(form.fieldErrors).find(([k]) => k.startsWith(`${key}.`))?.[1];
  const field = (key: keyof ContactText) => ({ value: v[key], onValue: (value: string) => (setSaved(false), form.set(key, value)), error: errorFor(key) });
  return (
    <form onSubmit={save} noValidate data-testid="contact-form">
      <ErrorAlert error={form.error} />
      <div class="row g-2">
        <TextField id="contact-name" class="col-md-6" label={t('contacts.name')} {...field('name')} testId="contact-name-input" />
        <TextField id="contact-company" class="col-md-6" label={t('contacts.company')} {...field('company')} testId="contact-company-input" />
        <TextField id="contact-phone" class="col-md-6" label={t('contacts.phone')} {...field('phone')} testId="contact-phone-input" />
        <TextField id="contact-email" class="col-md-6" label={t('contacts.email')} {...field('email')} testId="contact-email-input" />
        <TextField id="contact-tags" class="col-12" label={t('contacts.tags')} {...field('tags')} testId="contact-tags-input" />
        <TextAreaField id="contact-notes" class="col-12" label={t('contacts.notes')} rows={3} {...field('notes')} testId="contact-notes-input" />
      </div>
      <div class="d-flex align-items-center gap-3 mt-3">
        <button class="btn btn-primary" disabled={form.busy} data-testid="contact-save">
          {form.busy ? t('common.saving') : t('common.save')}
        </button>
        {saved && (
          <span class="text-success small" role="status" data-testid="contact-saved">
            {t('contacts.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
