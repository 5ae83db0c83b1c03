import { api } from '../../api';
import { CapacityFields, type CapacityText } from '../../components/CapacityFields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField, SwitchField, TextField } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { SkillPicker } from '../../components/SkillPicker';
import { useForm } from '../../hooks/useForm';
import { locales, useT, type Locale } from '../../i18n';
import type { QueueSettings } from '../../ops-types';
import { mediaTypes, type AgentProfile, type Capacity, type Skill } from '../../types';

// A new agent starts like core's defaultCapacity: one call, a handful of chats.
const newAgentCapacity: CapacityText = { voice: '1', video: '1', webim: '5', wechat: '5', sms: '5', email: '10' };

function capacityText(capacity: Capacity): CapacityText {
  return Object.fromEntries(mediaTypes.map((m) => [m, String(capacity[m] ?? 0)])) as CapacityText;
}

/** An empty box means "none" (0); anything else goes to the server, which validates it. */
function capacityValue(text: CapacityText): Capacity {
  return Object.fromEntries(mediaTypes.map((m) => [m, text[m].trim() === '' ? 0 : Number(text[m])]));
}

function firstError(errors: Record<string, string>, prefix: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === prefix || k.startsWith(`${prefix}.`));
  return key ? errors[key] : undefined;
}

/** Create an agent (user + extension + SIP credentials + skills + capacity) or change one. */
export function AgentForm(props: { agent?: AgentProfile; skills: readonly Skill[]; queues: readonly QueueSettings[]; onDone(): void; onCancel(): void }) {
  const t = useT();
  const editing = props.agent;
  const form = useForm({
    username: editing?.username ?? '',
    displayName: editing?.displayName ?? '',
    password: '',
    role: 'agent' as 'agent' | 'supervisor',
    locale: 'zh-CN' as Locale,
    extension: editing?.extension ?? '',
    sipPassword: '',
    skills: editing?.skills ?? {},
    capacity: editing ? capacityText(editing.capacity) : newAgentCapacity,
    voiceBlocksChat: editing?.voiceBlocksChat ?? false,
    chatInterruptibleByVoice: editing?.chatInterruptibleByVoice ?? true,
    queueIds: editing?.queueIds ?? [],
  });
  const { values, fieldErrors: errors } = form;

  const save = (event: Event) => {
    event.preventDefault();
    form.submit(async (v) => {
      const common = { skills: v.skills, capacity: capacityValue(v.capacity), voiceBlocksChat: v.voiceBlocksChat, chatInterruptibleByVoice: v.chatInterruptibleByVoice, queueIds: v.queueIds };
      if (editing) {
        await api.agents.update(editing.id, { ...common, ...(v.sipPassword ? { sipPassword: v.sipPassword } : {}) });
        if (v.displayName !== editing.displayName) await api.users.update(editing.userId, { displayName: v.displayName });
      } else {
        await api.agents.create({
          ...common,
          username: v.username.trim(),
          displayName: v.displayName,
          password: v.password,
          role: v.role,
          locale: v.locale,
          extension: v.extension.trim(),
          sipPassword: v.sipPassword,
        });
      }
      props.onDone();
    });
  };

  return (
    <Modal title={editing ? `${t('agents.edit')} · ${editing.username}` : t('agents.new')} onClose={props.onCancel} size="lg" testId="agent-modal">
      <form onSubmit={save} noValidate data-testid="agent-form">
        <div class="modal-body">
          <ErrorAlert error={form.error} />
          <h3 class="h6 text-secondary mb-3">{t('agents.account')}</h3>
          <div class="row">
            <TextField class="col-sm-6 mb-3" id="agent-username" label={t('users.username')} value={values.username} onValue={(v) => form.set('username', v)} error={errors.username} disabled={!!editing} testId="agent-username" autoFocus={!editing} />
            <TextField class="col-sm-6 mb-3" id="agent-display-name" label={t('users.displayName')} value={values.displayName} onValue={(v) => form.set('displayName', v)} error={errors.displayName} testId="agent-display-name" />
            {!editing && (
              <>
                <TextField class="col-sm-6 mb-3" id="agent-password" type="password" autoComplete="new-password" label={t('agents.loginPassword')} hint={t('users.passwordHint')} value={values.password} onValue={(v) => form.set('password', v)} error={errors.password} testId="agent-password" />
                <SelectField class="col-sm-3 mb-3" id="agent-role" label={t('users.role')} value={values.role} onValue={(v) => form.set('role', v)} options={[{ value: 'agent', label: t('role.agent') }, { value: 'supervisor', label: t('role.supervisor') }]} error={errors.role} testId="agent-role" />
                <SelectField class="col-sm-3 mb-3" id="agent-locale" label={t('users.locale')} value={values.locale} onValue={(v) => form.set('locale', v)} options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))} error={errors.locale} testId="agent-locale" />
              </>
            )}
          </div>
          <h3 class="h6 text-secondary mb-3 mt-2">{t('agents.telephony')}</h3>
          <div class="row">
            <TextField class="col-sm-6 mb-3" id="agent-extension" inputMode="numeric" label={t('agents.extension')} value={values.extension} onValue={(v) => form.set('extension', v)} error={errors.extension} disabled={!!editing} testId="agent-extension" />
            <TextField
              class="col-sm-6 mb-3"
              id="agent-sip-password"
              type="password"
              autoComplete="new-password"
              label={t('agents.sipPassword')}
              hint={editing ? t('agents.sipPasswordKeep') : t('users.passwordHint')}
              value={values.sipPassword}
              onValue={(v) => form.set('sipPassword', v)}
              error={errors.sipPassword}
              testId="agent-sip-password"
            />
          </div>
          <h3 class="h6 text-secondary mb-3 mt-2">{t('agents.skills')}</h3>
          <div class="mb-3">
            <SkillPicker skills={props.skills} value={values.skills} onValue={(v) => form.set('skills', v)} error={firstError(errors, 'skills')} />
          </div>
          <h3 class="h6 text-secondary mb-2 mt-3">{t('agents.queues')}</h3>
          <QueueMembership queues={props.queues} value={values.queueIds} onValue={(v) => form.set('queueIds', v)} error={firstError(errors, 'queueIds')} />
          <h3 class="h6 text-secondary mb-1 mt-3">{t('agents.capacity')}</h3>
          <div class="form-text mt-0 mb-2">{t('agents.capacityHint')}</div>
          <CapacityFields value={values.capacity} onValue={(v) => form.set('capacity', v)} errors={errors} />
          <h3 class="h6 text-secondary mb-2 mt-3">{t('agents.rules')}</h3>
          <SwitchField id="agent-voice-blocks-chat" label={t('agents.voiceBlocksChat')} checked={values.voiceBlocksChat} onValue={(v) => form.set('voiceBlocksChat', v)} error={errors.voiceBlocksChat} testId="agent-voice-blocks-chat" />
          <SwitchField
            id="agent-chat-interruptible"
            label={t('agents.chatInterruptibleByVoice')}
            checked={values.chatInterruptibleByVoice}
            onValue={(v) => form.set('chatInterruptibleByVoice', v)}
            error={errors.chatInterruptibleByVoice}
            testId="agent-chat-interruptible"
          />
        </div>
        <div class="modal-footer">
          <button type="button" class="btn btn-outline-secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={form.busy} data-testid="agent-save">
            {form.busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The queues this agent serves: the router offers them work from these queues only. */
function QueueMembership(props: { queues: readonly QueueSettings[]; value: number[]; onValue(v: number[]): void; error: string | undefined }) {
  const t = useT();
  if (props.queues.length === 0) return <div class="form-text mb-2">{t('agents.noQueues')}</div>;
  return (
    <div class="mb-2" data-testid="agent-queues">
      <div class="d-flex flex-wrap gap-2">
        {props.queues.map((q) => {
          const id = Number(q.id);
          const on = props.value.includes(id);
          return (
            <label key={q.id} class={`d-inline-flex align-items-center gap-2 border rounded px-2 py-1 mb-0${on ? ' border-primary-subtle bg-primary-subtle' : ''}`} for={`agent-queue-${q.id}`}>
              <input class="form-check-input m-0" type="checkbox" id={`agent-queue-${q.id}`} checked={on} onChange={(e) => props.onValue(e.currentTarget.checked ? [...props.value, id] : props.value.filter((x) => x !== id))} data-testid={`agent-queue-${q.name}`} />
              {q.name}
            </label>
          );
        })}
      </div>
      {props.error && <div class="invalid-feedback d-block">{props.error}</div>}
    </div>
  );
}
