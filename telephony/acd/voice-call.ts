import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { QueueSettings } from '../../core/queues/queue-service';
import type { CallLeg, HangupCause } from '../engine';
import { OriginateError } from '../engine';
import { CallRecord } from './call-record';
import { ConnectedCall } from './connected';
import type { AcdDeps } from './ports';
import { waitInQueue, type WaitControl } from './queue-wait';
import { takeVoicemail } from './voicemail';
import { isEnded } from './leg-state';

/**
 * One call in the voice ACD, from the moment it is queued: the caller waits (or asked for a
 * callback), agents are rung as the router offers them the call, the first to answer is connected.
 */
export class VoiceCall {
  readonly log: Logger;
  private wait: WaitControl | undefined;
  private readonly attempts = new Map<string, AbortController>();
  /** Ringing an agent until the call is connected to them (or it failed). */
  private readonly answering = new Map<string, Promise<void>>();
  private connected: ConnectedCall | undefined;
  private finished = false;
  /** Set once the caller chose a callback: the caller's leg is gone, the place in the queue is kept. */
  private callbackNumber: string | undefined;

  constructor(
    private readonly deps: AcdDeps,
    readonly record: CallRecord,
    private caller: CallLeg,
    private currentQueue: QueueSettings,
    private readonly locale: 'zh-CN' | 'en',
    readonly contactName: string,
  ) {
    this.log = deps.log.child({ interactionId: record.id });
    caller.on('ended', ({ cause, side }) => {
      if (this.callbackNumber) return;
      // Ended on our side without call control asking (RTP timeout, the media server went away):
      // close the books all the same, or the interaction would wait in the router for ever.
      const handled = side === 'remote' ? this.callerLeft() : this.dropped(cause);
      void handled.catch((err: unknown) => this.log.error({ err }, 'caller hang-up handling failed'));
    });
  }

  get id(): string {
    return this.record.id;
  }

  get active(): ConnectedCall | undefined {
    return this.connected;
  }

  get queue(): QueueSettings {
    return this.currentQueue;
  }

  /** Hands the caller to another queue (a transfer): they wait again, their first arrival kept for fairness. */
  async requeue(queue: QueueSettings): Promise<void> {
    this.connected = undefined;
    this.currentQueue = queue;
    this.record.set({ queueId: Number(queue.id), state: 'queued' });
    this.record.event('transfer', { queue: queue.name });
    this.tryRouter(() => this.deps.router.end(this.id));
    this.startWaiting();
    const snap = this.record.snapshot;
    const result = this.deps.router.submit({
      id: this.id,
      media: snap.media,
      queueId: queue.id,
      skills: { ...queue.requiredSkills },
      priority: snap.priority,
      contactId: String(snap.contactId ?? this.id),
      arrivedAt: snap.arrivedAt,
    });
    await this.record.save();
    if (result.outcome === 'refused') await this.exited('join_refused');
  }

  /** Plays hold music and announcements until an agent answers or the caller chooses otherwise. */
  startWaiting(): void {
    this.wait = waitInQueue({
      leg: this.caller,
      prompts: this.deps.prompts,
      locale: this.locale,
      everySeconds: this.queue.announceEverySeconds,
      keys: this.deps.keys,
      position: () => {
        const wait = this.deps.router.estimatedWait(this.id);
        return { position: this.deps.router.position(this.id), waitMinutes: wait === null ? null : Math.ceil(wait / 60) };
      },
    });
    void this.wait.done.then(async (end) => {
      if (end.kind === 'callback') await this.switchToCallback();
      else if (end.kind === 'voicemail') await this.leaveForVoicemail();
    }).catch((err: unknown) => this.log.error({ err }, 'queue wait failed'));
  }

  /**
   * The connected call. One being connected to `agentId` right now is waited for: their phone
   * shows the call as soon as it answers, before the bridge (and on FreeSWITCH the DTLS handshake)
   * is done, and they may press hold at once.
   */
  async connectedTo(agentId: string | undefined): Promise<ConnectedCall | undefined> {
    const answering = agentId === undefined || this.connected ? undefined : this.answering.get(agentId);
    if (answering) await answering.catch(() => undefined);
    return this.connected;
  }

  /** The router offers the call to an agent: ring their phone. */
  async ring(agentId: string): Promise<void> {
    const attempt = this.ringAgent(agentId);
    this.answering.set(agentId, attempt);
    try {
      await attempt;
    } finally {
      if (this.answering.get(agentId) === attempt) this.answering.delete(agentId);
    }
  }

  private async ringAgent(agentId: string): Promise<void> {
    const extension = this.deps.directory.extensionOf(agentId);
    const legRow = this.record.addLeg(null, 'agent', { agentId: Number(agentId), toUri: extension ?? null });
    this.record.set({ offeredAt: this.record.snapshot.offeredAt ?? this.record.now(), state: 'ringing' });
    const abort = new AbortController();
    this.attempts.set(agentId, abort);
    try {
      if (!extension) throw new OriginateError('unallocated_number');
      const leg = await this.deps.engine.originate(
        { kind: 'extension', destination: extension },
        {
          callerId: { user: this.record.snapshot.fromAddress ?? 'anonymous', ...(this.contactName ? { displayName: this.contactName } : {}), uri: '' },
          timeoutMs: this.queue.offerTimeoutSeconds * 1000,
          video: this.record.snapshot.media === 'video',
          headers: { 'X-Interaction-Id': this.id, 'X-Queue': this.queue.name },
          signal: abort.signal,
        },
      );
      this.record.track(leg, legRow);
      this.attempts.delete(agentId);
      if (this.finished || abort.signal.aborted) {
        await leg.hangup('originator_cancel');
        return;
      }
      this.deps.router.accept(agentId, this.id);
      await this.connect(agentId, leg);
    } catch (err) {
      this.attempts.delete(agentId);
      const cause = err instanceof OriginateError ? err.hangupCause : 'normal_temporary_failure';
      this.record.endLeg(legRow, cause, 'remote');
      if (!(err instanceof OriginateError)) this.log.error({ err, agentId }, 'ringing the agent failed');
      // Not answered, busy or unreachable: a miss, and the router moves on to the next agent.
      if (!abort.signal.aborted && !this.finished) this.tryRouter(() => this.deps.router.reject(agentId, this.id));
    }
  }

  /** The router withdrew the offer (timed out, answered elsewhere, caller gone). */
  cancelRing(agentId: string): void {
    this.attempts.get(agentId)?.abort();
    this.attempts.delete(agentId);
  }

  /** The router gave up on the caller in the queue (max wait, overflow to callback/voicemail/ticket). */
  async exited(reason: string): Promise<void> {
    this.record.set({ exitReason: reason });
    if (reason === 'callback') return this.switchToCallback();
    if (reason === 'voicemail' || reason === 'ticket') return this.leaveForVoicemail(true);
    this.wait?.stop();
    await this.caller.play([this.deps.prompts.builtin(this.locale, reason === 'max_wait' ? 'callback_offer' : 'closed'), this.deps.prompts.builtin(this.locale, 'goodbye')]);
    await this.finish('normal_clearing', 'system', { state: 'ended' });
  }

  private async connect(agentId: string, agentLeg: CallLeg): Promise<void> {
    this.wait?.stop();
    if (this.callbackNumber) {
      const customer = await this.dialCustomer(agentLeg);
      if (!customer) return;
      this.caller = customer;
    }
    const now = this.record.now();
    // A call answered again after a transfer to a queue keeps its first answer time and wait.
    const first = this.record.snapshot.answeredAt === null;
    this.record.set({ agentId: Number(agentId), state: 'talking', ...(first ? { answeredAt: now, waitMs: now - (this.record.snapshot.queuedAt ?? now) } : {}) });
    this.connected = await ConnectedCall.start(this.deps, this, this.caller, agentLeg, agentId);
    await this.record.save();
  }

  /** Both sides are gone: close the books (the connected part calls this too). */
  async finish(cause: HangupCause | string, side: 'caller' | 'agent' | 'system', fields: { state: string; abandoned?: boolean }): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.wait?.stop();
    for (const a of this.attempts.values()) a.abort();
    const now = this.record.now();
    const snap = this.record.snapshot;
    this.record.set({
      endedAt: now,
      hangupCause: cause,
      hangupSide: side,
      state: fields.state,
      abandoned: fields.abandoned ?? false,
      ...(snap.answeredAt ? { talkMs: now - snap.answeredAt } : { waitMs: now - (snap.queuedAt ?? now) }),
    });
    if (!isEnded(this.caller)) await this.caller.hangup(side === 'system' ? 'normal_clearing' : 'normal_clearing').catch(() => undefined);
    if (snap.answeredAt) this.tryRouter(() => this.deps.router.end(this.id));
    else if (fields.abandoned) this.tryRouter(() => this.deps.router.abandon(this.id));
    await this.record.save();
    this.deps.afterHangupRecorded?.();
  }

  private async callerLeft(): Promise<void> {
    if (this.connected) return; // the connected call handles its own ends
    await this.finish('normal_clearing', 'caller', { state: 'abandoned', abandoned: true });
  }

  private async dropped(cause: HangupCause): Promise<void> {
    if (this.connected || this.finished) return;
    this.log.warn({ cause }, 'caller leg dropped by the engine while waiting');
    await this.finish(cause, 'system', { state: 'abandoned', abandoned: true });
  }

  /** Keeps the caller's place: we hang up now and call back when an agent is reserved. */
  private async switchToCallback(): Promise<void> {
    this.wait?.stop();
    this.callbackNumber = this.record.snapshot.fromAddress ?? undefined;
    this.record.set({ state: 'callback', exitReason: null });
    this.record.event('callback_requested', { number: this.callbackNumber ?? null });
    await this.caller.play([this.deps.prompts.builtin(this.locale, 'callback_confirm')]).catch(() => undefined);
    await this.caller.hangup('normal_clearing').catch(() => undefined);
    await this.record.save();
  }

  private async dialCustomer(agentLeg: CallLeg): Promise<CallLeg | undefined> {
    const number = this.callbackNumber ?? '';
    const viaExtension = this.deps.directory.agentByExtension(number) !== undefined || !this.deps.outboundTrunkId;
    const legRow = this.record.addLeg(null, 'callback', { toUri: number });
    try {
      await agentLeg.play([this.deps.prompts.builtin(this.locale, 'agent_connect')]);
      const leg = await this.deps.engine.originate(
        viaExtension ? { kind: 'extension', destination: number } : { kind: 'trunk', destination: number, ...(this.deps.outboundTrunkId ? { trunkId: this.deps.outboundTrunkId } : {}) },
        { callerId: { user: this.queue.name, uri: '' }, timeoutMs: 30_000 },
      );
      this.record.track(leg, legRow);
      this.record.event('callback_connected', { number });
      return leg;
    } catch (err) {
      this.record.endLeg(legRow, err instanceof OriginateError ? err.hangupCause : 'normal_temporary_failure', 'remote');
      this.record.event('callback_failed', { number });
      await agentLeg.hangup('normal_clearing').catch(() => undefined);
      this.tryRouter(() => this.deps.router.end(this.id));
      this.finished = true;
      this.record.set({ state: 'ended', endedAt: this.record.now(), exitReason: 'callback' });
      await this.record.save();
      return undefined;
    }
  }

  private async leaveForVoicemail(routerExited = false): Promise<void> {
    this.wait?.stop();
    if (!routerExited) this.tryRouter(() => this.deps.router.abandon(this.id));
    this.finished = true;
    this.record.set({ exitReason: 'voicemail', state: 'voicemail' });
    await takeVoicemail(this.deps, this.record, this.caller, this.locale, 120, this.queue.name);
  }

  tryRouter(action: () => void): void {
    try {
      action();
    } catch (err) {
      this.log.debug({ err: (err as Error).message }, 'router refused (already moved on)');
    }
  }

  static newId(): string {
    return randomUUID();
  }
}
