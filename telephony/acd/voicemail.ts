import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { CallLeg } from '../engine';
import type { CallRecord } from './call-record';
import type { AcdDeps } from './ports';
import { recordingPath } from './recording-path';
import { isEnded } from './leg-state';

/**
 * Records a message after the tone until '#', hang-up or the time limit, and files it as a ticket
 * (工单) with the recording, so someone calls the customer back.
 */
export async function takeVoicemail(deps: AcdDeps, record: CallRecord, leg: CallLeg, locale: 'zh-CN' | 'en', maxSeconds: number, queueName?: string): Promise<void> {
  if (isEnded(leg)) return;
  await leg.play([deps.prompts.builtin(locale, 'voicemail'), { kind: 'tone', tone: 'beep', durationMs: 400 }]);
  if (isEnded(leg)) return;
  const id = randomUUID();
  const startedAt = record.now();
  const control = await leg.record(recordingPath(deps.recordingsDir, id, startedAt, 'voicemail'));
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      leg.off('dtmf', onDigit);
      leg.off('ended', done);
      resolve();
    };
    const onDigit = (e: { digit: string }) => {
      if (e.digit === '#') done();
    };
    const timer = setTimeout(done, maxSeconds * 1000);
    leg.on('dtmf', onDigit);
    leg.once('ended', done);
  });
  const result = await control.stop();
  const endedAt = record.now();
  const snap = record.snapshot;
  record.recording({
    id,
    path: control.path,
    startedAt,
    endedAt,
    durationMs: result.durationMs,
    sizeBytes: statSync(control.path, { throwIfNoEntry: false })?.size ?? null,
    pausedIntervals: [],
    retainUntil: endedAt + deps.recordingRetentionDays * 86_400_000,
  });
  const caller = snap.fromAddress ?? '';
  const ticket = await deps.tickets.create(
    {
      subject: locale === 'zh-CN' ? `来自 ${caller} 的留言` : `Voicemail from ${caller}`,
      description: `${queueName ? `[${queueName}] ` : ''}${Math.round(result.durationMs / 1000)}s — /api/recordings/${id}`,
      source: 'voicemail',
      contactId: snap.contactId,
      interactionId: snap.id,
    },
    null,
  );
  record.event('voicemail', { recordingId: id, ticketId: ticket.id, seconds: Math.round(result.durationMs / 1000) });
  if (!isEnded(leg)) {
    await leg.play([deps.prompts.builtin(locale, 'goodbye')]).catch(() => undefined);
    await leg.hangup('normal_clearing').catch(() => undefined);
  }
  record.set({ state: 'voicemail', endedAt: record.now(), hangupCause: 'normal_clearing', hangupSide: 'caller' });
  await record.save();
}
