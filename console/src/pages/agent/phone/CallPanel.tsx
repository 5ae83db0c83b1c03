import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatDuration } from '../../../format';
import { useT } from '../../../i18n';
import { Icon, type IconName } from './icons';
import { Keypad } from './Keypad';
import type { CallView } from './phone-state';
import type { SoftphoneController } from './softphone';
import type { BlindTarget } from './phone-api';
import { TransferPanel, type TransferMode } from './TransferPanel';
import { useNow } from './use-now';
import { VideoStage } from './VideoStage';

function Control(props: { icon: IconName; label: string; active?: boolean; recording?: boolean; disabled?: boolean; testId: string; onClick(): void }) {
  return (
    <button
      type="button"
      class={`phone-control${props.active ? ' active' : ''}${props.recording ? ' recording' : ''}`}
      aria-pressed={props.active}
      disabled={props.disabled}
      data-testid={props.testId}
      onClick={props.onClick}
    >
      <span class="phone-control-icon">
        <Icon name={props.icon} size={20} filled={props.recording} />
      </span>
      <span class="phone-control-label">{props.label}</span>
    </button>
  );
}

function Badge(props: { tone: string; testId: string; children: ComponentChildren }) {
  return (
    <span class={`badge rounded-pill ${props.tone}`} data-testid={props.testId}>
      {props.children}
    </span>
  );
}

export function CallTimer(props: { startedAt: number | null }) {
  const now = useNow(props.startedAt !== null);
  return (
    <span class="phone-timer font-monospace" data-testid="phone-timer">
      {props.startedAt === null ? '0:00' : formatDuration((now - props.startedAt) / 1000)}
    </span>
  );
}

/** One call in progress: who, how long, its state, and every control the agent has over it. */
export function CallPanel(props: { call: CallView; phone: SoftphoneController }) {
  const t = useT();
  const { call, phone } = props;
  const [panel, setPanel] = useState<'none' | 'keypad' | 'transfer'>('none');
  const talking = call.phase === 'talking';
  const acd = call.interactionId !== null;
  const busy = call.pending !== null;
  const name = call.offer?.contact?.name || call.remoteName || call.remote;
  const number = call.offer?.from ?? call.remote;
  const { remote, local } = phone.streams(call.id);
  const queue = call.offer?.queueName ?? call.queue;
  const status = !talking ? t('phone.dialling') : call.held ? t('phone.onHold') : call.consultFor ? t('phone.consulting') : t('phone.talking');

  const onTransfer = (mode: TransferMode, target: BlindTarget) => {
    setPanel('none');
    if (mode === 'blind' || target.kind === 'queue') void phone.transfer(call.id, target);
    else if (mode === 'conference') void phone.conference(call.id, target);
    else void phone.consult(call.id, target);
  };
  const recordAction = call.recording === 'on' ? 'pause' : call.recording === 'paused' ? 'resume' : 'start';

  return (
    <section class={`phone-call${call.held ? ' is-held' : ''}`} data-testid={call.consultFor ? 'phone-consult-call' : 'phone-active-call'} data-call-phase={call.phase} data-held={call.held ? 'true' : 'false'}>
      <div class="d-flex align-items-center gap-2">
        <div class="phone-avatar phone-avatar-sm" aria-hidden="true">
          <Icon name={call.video ? 'video' : 'user'} size={22} />
        </div>
        <div class="min-w-0 flex-grow-1">
          <div class="fw-semibold text-truncate" title={name} data-testid="phone-call-name">
            {name}
          </div>
          <div class={`small text-secondary text-truncate${number !== name ? ' font-monospace' : ''}`} data-testid="phone-call-number">
            {number !== name ? number : call.direction === 'outbound' ? t('phone.outbound') : t('phone.inbound')}
          </div>
        </div>
        <CallTimer startedAt={call.startedAt} />
      </div>

      <div class="d-flex flex-wrap gap-1 mt-2">
        <Badge tone={call.held ? 'text-bg-warning' : talking ? 'text-bg-success' : 'text-bg-secondary'} testId="phone-call-status">
          {status}
        </Badge>
        {queue && <Badge tone="text-bg-light border" testId="phone-call-queue">{queue}</Badge>}
        {call.recording === 'on' && (
          <Badge tone="text-bg-danger" testId="phone-recording-on">
            <span class="phone-rec-dot" aria-hidden="true" /> {t('phone.recordingOn')}
          </Badge>
        )}
        {call.recording === 'paused' && <Badge tone="text-bg-warning" testId="phone-recording-paused">{t('phone.recordingPaused')}</Badge>}
        {call.monitored && <Badge tone="text-bg-info" testId="phone-monitored">{t(`phone.monitored.${call.monitored}`)}</Badge>}
        {call.muted && <Badge tone="text-bg-secondary" testId="phone-muted-badge">{t('phone.muted')}</Badge>}
        {call.pending && <Badge tone="text-bg-info" testId="phone-pending">{t(`phone.pending.${call.pending}`)}</Badge>}
      </div>

      {call.video && talking && <VideoStage remote={remote} local={local} sending={call.videoSending} />}

      {call.consultFor && talking && (
        <div class="d-grid gap-2 mt-3" data-testid="phone-consult-actions">
          <button type="button" class="btn btn-primary btn-sm" data-testid="phone-consult-complete" onClick={() => void phone.completeConsult(call.id, 'transfer')}>
            {t('phone.completeTransfer')}
          </button>
          <button type="button" class="btn btn-outline-primary btn-sm" data-testid="phone-consult-merge" onClick={() => void phone.completeConsult(call.id, 'conference')}>
            {t('phone.mergeCalls')}
          </button>
          <button type="button" class="btn btn-outline-secondary btn-sm" data-testid="phone-consult-cancel" onClick={() => void phone.cancelConsult(call.id)}>
            {t('phone.backToCaller')}
          </button>
        </div>
      )}

      <div class="phone-controls mt-3">
        <Control icon={call.muted ? 'micOff' : 'mic'} label={call.muted ? t('phone.unmute') : t('phone.mute')} active={call.muted} disabled={!talking} testId="phone-mute" onClick={() => phone.toggleMute(call.id)} />
        <Control icon={call.held ? 'play' : 'pause'} label={call.held ? t('phone.resume') : t('phone.hold')} active={call.held} disabled={!talking || busy} testId="phone-hold" onClick={() => void phone.toggleHold(call.id)} />
        <Control icon="grid" label={t('phone.keypad')} active={panel === 'keypad'} disabled={!talking} testId="phone-keypad-toggle" onClick={() => setPanel(panel === 'keypad' ? 'none' : 'keypad')} />
        {acd && !call.consultFor && (
          <Control icon="transfer" label={t('phone.transfer')} active={panel === 'transfer'} disabled={!talking || busy} testId="phone-transfer-toggle" onClick={() => setPanel(panel === 'transfer' ? 'none' : 'transfer')} />
        )}
        {acd && call.recording !== 'unavailable' && (
          <Control
            icon="record"
            label={t(`phone.record.${recordAction}`)}
            recording={call.recording === 'on'}
            active={call.recording === 'paused'}
            disabled={!talking || busy}
            testId="phone-recording"
            onClick={() => void phone.setRecording(call.id, recordAction)}
          />
        )}
        {call.video && (
          <Control icon={call.videoSending ? 'video' : 'videoOff'} label={call.videoSending ? t('phone.videoOff') : t('phone.videoOn')} active={!call.videoSending} disabled={!talking} testId="phone-video-toggle" onClick={() => phone.toggleVideo(call.id)} />
        )}
      </div>

      {panel === 'keypad' && (
        <div class="phone-subpanel">
          <Keypad testId="phone-dtmf-key" onPress={(k) => void phone.dtmf(call.id, k)} />
        </div>
      )}
      {panel === 'transfer' && <TransferPanel busy={busy} onSubmit={onTransfer} onClose={() => setPanel('none')} />}

      {call.error && (
        <div class="alert alert-danger py-1 px-2 small mt-2 mb-0" role="alert" data-testid="phone-call-error">
          {call.error}
        </div>
      )}

      <button
        type="button"
        class="btn btn-danger w-100 mt-3 d-inline-flex align-items-center justify-content-center gap-2"
        disabled={call.pending === 'hangup'}
        data-testid="phone-hangup"
        onClick={() => void phone.hangup(call.id)}
      >
        <Icon name="hangup" /> {talking ? t('phone.hangup') : t('phone.cancelCall')}
      </button>
    </section>
  );
}
