import type { ComponentChildren } from 'preact';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField, SwitchField, TextField } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { SkillPicker } from '../../components/SkillPicker';
import { useForm } from '../../hooks/useForm';
import { useT, type MessageKey } from '../../i18n';
import { recordingPolicies, strategies, type QueueInput, type QueueSettings, type StoredHours } from '../../ops-types';
import { mediaTypes, type Media, type Skill } from '../../types';
import { OverflowEditor, type OverflowRow } from './OverflowEditor';

// Numbers are edited as text so a half-typed value survives; they become numbers on save.
const numberFields = ['priority', 'serviceLevelSeconds', 'maxWaitSeconds', 'offerTimeoutSeconds', 'wrapUpSeconds', 'agingSeconds', 'ringStepSeconds', 'maxConsecutiveMisses', 'announceEverySeconds'] as const;
type NumberField = (typeof numberFields)[number];

// The defaults of core's queue schema, shown in a new queue's form.
const defaults: Record<NumberField, string> = {
  priority: '0',
  serviceLevelSeconds: '20',
  maxWaitSeconds: '',
  offerTimeoutSeconds: '20',
  wrapUpSeconds: '0',
  agingSeconds: '60',
  ringStepSeconds: '5',
  maxConsecutiveMisses: '3',
  announceEverySeconds: '30',
};

const hints: Partial<Record<NumberField, MessageKey>> = {
  maxWaitSeconds: 'queues.hint.maxWait',
  agingSeconds: 'queues.hint.aging',
  ringStepSeconds: 'queues.hint.ringStep',
  priority: 'queues.hint.priority',
};

/** An empty box is sent as null: the server then names the field, rather than silently keeping a default. */
const num = (text: string): number | null => (text.trim() === '' ? null : Number(text));

function initial(q: QueueSettings | undefined) {
  return {
    name: q?.name ?? '',
    media: q?.media ?? (['voice'] as Media[]),
    strategy: q?.strategy ?? 'longest_idle',
    numbers: q ? (Object.fromEntries(numberFields.map((f) => [f, q[f] === null ? '' : String(q[f])])) as Record<NumberField, string>) : defaults,
    joinWhenEmpty: q?.joinWhenEmpty ?? 'allow',
    leaveWhenEmpty: q?.leaveWhenEmpty ?? false,
    allowManualPick: q?.allowManualPick ?? false,
    notifyAgentOnMonitor: q?.notifyAgentOnMonitor ?? false,
    recordingPolicy: q?.recordingPolicy ?? 'always',
    businessHoursId: q?.businessHoursId ? String(q.businessHoursId) : '',
    requiredSkills: q?.requiredSkills ?? {},
    overflow: (q?.overflow ?? []).map((r): OverflowRow => ({ afterSeconds: String(r.afterSeconds), action: r.action, targetQueueId: r.targetQueueId ?? '' })),
  };
}
type Values = ReturnType<typeof initial>;

function toInput(v: Values): QueueInput {
  const n = v.numbers;
  // null where the schema wants a number is deliberate (see num); the server's message lands on the field.
  return {
    name: v.name.trim(),
    media: v.media,
    strategy: v.strategy,
    priority: num(n.priority) as number,
    serviceLevelSeconds: num(n.serviceLevelSeconds) as number,
    maxWaitSeconds: num(n.maxWaitSeconds),
    offerTimeoutSeconds: num(n.offerTimeoutSeconds) as number,
    wrapUpSeconds: num(n.wrapUpSeconds) as number,
    agingSeconds: num(n.agingSeconds) as number,
    ringStepSeconds: num(n.ringStepSeconds) as number,
    maxConsecutiveMisses: num(n.maxConsecutiveMisses) as number,
    announceEverySeconds: num(n.announceEverySeconds) as number,
    joinWhenEmpty: v.joinWhenEmpty,
    leaveWhenEmpty: v.leaveWhenEmpty,
    allowManualPick: v.allowManualPick,
    notifyAgentOnMonitor: v.notifyAgentOnMonitor,
    recordingPolicy: v.recordingPolicy,
    businessHoursId: v.businessHoursId ? Number(v.businessHoursId) : null,
    requiredSkills: v.requiredSkills,
    overflow: v.overflow.map((r) => ({ afterSeconds: num(r.afterSeconds) as number, action: r.action, ...(r.action === 'move_queue' && r.targetQueueId ? { targetQueueId: r.targetQueueId } : {}) })),
  };
}

function Section(props: { title: string; children: ComponentChildren }) {
  return (
    <fieldset class="mb-3">
      <legend class="h6 text-secondary mb-2">{props.title}</legend>
      {props.children}
    </fieldset>
  );
}

/** Create or change a queue: every routing setting of core's queue model plus the voice extras. */
export function QueueForm(props: { queue?: QueueSettings; queues: readonly QueueSettings[]; skills: readonly Skill[]; hours: readonly StoredHours[]; onDone(): void; onCancel(): void }) {
  const t = useT();
  const editing = props.queue;
  const form = useForm(initial(editing));
  const { values, fieldErrors: errors } = form;
  const setNumber = (f: NumberField, text: string) => form.set('numbers', { ...values.numbers, [f]: text });
  const toggleMedia = (m: Media, on: boolean) => form.set('media', on ? [...values.media, m] : values.media.filter((x) => x !== m));

  const save = (event: Event) => {
    event.preventDefault();
    form.submit(async (v) => {
      if (editing) await api.queues.update(editing.id, toInput(v));
      else await api.queues.create(toInput(v));
      props.onDone();
    });
  };

  const numberField = (f: NumberField, cls = 'col-6 col-md-3') => {
    const hint = hints[f];
    return (
      <TextField key={f} class={`${cls} mb-3`} id={`queue-${f}`} type="number" label={t(`queues.field.${f}`)} value={values.numbers[f]} onValue={(v) => setNumber(f, v)} error={errors[f]} {...(hint ? { hint: t(hint) } : {})} testId={`queue-${f}`} />
    );
  };

  return (
    <Modal title={editing ? `${t('queues.edit')} · ${editing.name}` : t('queues.new')} onClose={props.onCancel} size="xl" testId="queue-modal">
      <form onSubmit={save} noValidate data-testid="queue-form">
        <div class="modal-body">
          <ErrorAlert error={form.error} />
          <Section title={t('queues.section.basics')}>
            <div class="row">
              <TextField class="col-md-5 mb-3" id="queue-name" label={t('queues.name')} value={values.name} onValue={(v) => form.set('name', v)} error={errors.name} testId="queue-name" autoFocus={!editing} />
              <SelectField class="col-md-4 mb-3" id="queue-strategy" label={t('queues.strategy')} value={values.strategy} onValue={(v) => form.set('strategy', v)} options={strategies.map((s) => ({ value: s, label: t(`queues.strategy.${s}`) }))} error={errors.strategy} testId="queue-strategy" />
              {numberField('priority', 'col-md-3')}
            </div>
            <div class="mb-1 form-label">{t('queues.media')}</div>
            <div class="d-flex flex-wrap gap-3" data-testid="queue-media">
              {mediaTypes.map((m) => (
                <div class="form-check" key={m}>
                  <input class={`form-check-input${errors.media ? ' is-invalid' : ''}`} type="checkbox" id={`queue-media-${m}`} checked={values.media.includes(m)} onChange={(e) => toggleMedia(m, e.currentTarget.checked)} data-testid={`queue-media-${m}`} />
                  <label class="form-check-label" for={`queue-media-${m}`}>
                    {t(`media.${m}`)}
                  </label>
                </div>
              ))}
            </div>
            {errors.media && <div class="invalid-feedback d-block" data-testid="queue-media-error">{errors.media}</div>}
          </Section>
          <Section title={t('queues.section.timing')}>
            <div class="row">{(['serviceLevelSeconds', 'maxWaitSeconds', 'offerTimeoutSeconds', 'wrapUpSeconds', 'agingSeconds', 'ringStepSeconds', 'maxConsecutiveMisses', 'announceEverySeconds'] as const).map((f) => numberField(f))}</div>
          </Section>
          <Section title={t('queues.section.behaviour')}>
            <div class="row">
              <SelectField class="col-md-4 mb-3" id="queue-join" label={t('queues.joinWhenEmpty')} value={values.joinWhenEmpty} onValue={(v) => form.set('joinWhenEmpty', v)} options={[{ value: 'allow', label: t('queues.join.allow') }, { value: 'refuse', label: t('queues.join.refuse') }]} error={errors.joinWhenEmpty} testId="queue-join" />
              <SelectField class="col-md-4 mb-3" id="queue-recording" label={t('queues.recordingPolicy')} value={values.recordingPolicy} onValue={(v) => form.set('recordingPolicy', v)} options={recordingPolicies.map((p) => ({ value: p, label: t(`queues.recording.${p}`) }))} error={errors.recordingPolicy} testId="queue-recording" />
              <SelectField
                class="col-md-4 mb-3"
                id="queue-hours"
                label={t('queues.businessHours')}
                value={values.businessHoursId}
                onValue={(v) => form.set('businessHoursId', v)}
                options={[{ value: '', label: t('queues.alwaysOpen') }, ...props.hours.map((h) => ({ value: String(h.id), label: h.name }))]}
                error={errors.businessHoursId}
                testId="queue-hours"
              />
            </div>
            <SwitchField id="queue-leave" label={t('queues.leaveWhenEmpty')} checked={values.leaveWhenEmpty} onValue={(v) => form.set('leaveWhenEmpty', v)} error={errors.leaveWhenEmpty} testId="queue-leave" />
            <SwitchField id="queue-pick" label={t('queues.allowManualPick')} checked={values.allowManualPick} onValue={(v) => form.set('allowManualPick', v)} error={errors.allowManualPick} testId="queue-pick" />
            <SwitchField id="queue-monitor-notice" label={t('queues.notifyAgentOnMonitor')} checked={values.notifyAgentOnMonitor} onValue={(v) => form.set('notifyAgentOnMonitor', v)} error={errors.notifyAgentOnMonitor} testId="queue-monitor-notice" />
          </Section>
          <Section title={t('queues.requiredSkills')}>
            <SkillPicker skills={props.skills} value={values.requiredSkills} onValue={(v) => form.set('requiredSkills', v)} error={Object.entries(errors).find(([k]) => k.startsWith('requiredSkills'))?.[1]} />
          </Section>
          <Section title={t('queues.overflowRules')}>
            <OverflowEditor value={values.overflow} onValue={(v) => form.set('overflow', v)} queues={props.queues} {...(editing ? { selfId: editing.id } : {})} errors={errors} />
          </Section>
        </div>
        <div class="modal-footer">
          <button type="button" class="btn btn-outline-secondary" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={form.busy} data-testid="queue-save">
            {form.busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
