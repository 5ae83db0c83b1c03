import { setTimeout as sleep } from 'node:timers/promises';
import { Conflict, NotFound } from '../../core/errors';
import { CdrWriter } from '../../core/records/cdr';
import type { CallLeg, HangupCause } from '../engine';
import { runFlow } from '../ivr/runner';
import type { FlowContext } from '../ivr/context';
import { CallRecord } from './call-record';
import type { ConnectedCall, MonitorMode } from './connected';
import type { AcdDeps } from './ports';
import { VoiceCall } from './voice-call';
import { takeVoicemail } from './voicemail';

export interface LiveCall {
  interactionId: string;
  state: string;
  from: string | null;
  queue: string;
  agentId: string | null;
  answeredAt: number | null;
  arrivedAt: number;
  recording: boolean;
}

/** How long call control waits for an agent's call that is still being connected. */
const CONNECTING_WAIT_MS = 5000;

/**
 * The voice contact centre on the telephony port: inbound calls walk their IVR flow, are queued
 * through the unified router, and are connected to the agent the router chooses. Works the same on
 * every engine.
 */
export class VoiceCentre {
  private readonly calls = new Map<string, VoiceCall>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly deps: AcdDeps,
    private readonly writer: CdrWriter,
  ) {}

  start(): void {
    const { engine, router, log } = this.deps;
    const onInbound = (leg: CallLeg) => void this.inbound(leg).catch((err: unknown) => log.error({ err }, 'inbound call failed'));
    engine.on('inbound', onInbound);
    this.unsubscribe.push(() => engine.off('inbound', onInbound));
    // Router listeners must not call back into the router synchronously.
    const later = (fn: () => void) => queueMicrotask(fn);
    this.unsubscribe.push(
      router.events.on('offered', (e) => later(() => void this.calls.get(e.interaction.id)?.ring(e.agentId))),
      router.events.on('offer_cancelled', (e) => later(() => this.calls.get(e.interaction.id)?.cancelRing(e.agentId))),
      router.events.on('timed_out', (e) => later(() => this.calls.get(e.interaction.id)?.cancelRing(e.agentId))),
      router.events.on('exited', (e) => later(() => void this.calls.get(e.interaction.id)?.exited(e.reason))),
      router.events.on('ended', (e) => later(() => this.forgetIfDone(e.interaction.id))),
      router.events.on('abandoned', (e) => later(() => this.calls.delete(e.interaction.id))),
    );
  }

  stop(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }

  live(): LiveCall[] {
    return [...this.calls.values()].map((c) => ({
      interactionId: c.id,
      state: c.record.snapshot.state,
      from: c.record.snapshot.fromAddress,
      queue: c.queue.name,
      agentId: c.active?.agent ?? null,
      answeredAt: c.record.snapshot.answeredAt,
      arrivedAt: c.record.snapshot.arrivedAt,
      recording: c.active?.recordingActive ?? false,
    }));
  }

  /** The connected call an agent may act on (their own), or any for supervisors. */
  async connected(interactionId: string, agentId?: string): Promise<ConnectedCall> {
    const voice = this.calls.get(interactionId);
    // An agent's own call still being connected is waited for, briefly: their phone already shows it.
    const call = voice?.active ?? (voice ? await Promise.race([voice.connectedTo(agentId), sleep(CONNECTING_WAIT_MS, undefined, { ref: false })]) : undefined);
    if (!call) throw new NotFound('no such live call');
    if (agentId !== undefined && call.agent !== agentId) throw new Conflict('not your call');
    return call;
  }

  async monitor(interactionId: string, supervisorExtension: string, mode: MonitorMode): Promise<void> {
    const call = await this.connected(interactionId);
    await call.monitor(supervisorExtension, mode);
    if (this.calls.get(interactionId)?.queue.notifyAgentOnMonitor) this.deps.onMonitor?.({ interactionId, agentId: call.agent, mode });
  }

  /** Wrap-up: the agent's disposition and notes go into the call's record. */
  async wrapUp(interactionId: string, data: { disposition?: string; notes?: string }): Promise<void> {
    const call = this.calls.get(interactionId);
    if (!call) return;
    call.record.set({ ...(data.disposition ? { disposition: data.disposition } : {}), ...(data.notes ? { notes: data.notes } : {}) });
    await call.record.save();
    this.calls.delete(interactionId);
  }

  private forgetIfDone(id: string): void {
    const call = this.calls.get(id);
    if (call && call.record.snapshot.endedAt !== null && call.record.snapshot.disposition !== null) this.calls.delete(id);
  }

  private async inbound(leg: CallLeg): Promise<void> {
    const { deps } = this;
    const record = new CallRecord(deps.jobs, deps.clock, {
      id: VoiceCall.newId(),
      media: leg.info.video ? 'video' : 'voice',
      direction: 'inbound',
      fromAddress: leg.info.from.user,
      toAddress: leg.info.to.user,
    });
    const log = deps.log.child({ interactionId: record.id });
    const callerRow = record.addLeg(leg, 'caller');
    const stored = await deps.flows.forNumber(leg.info.to.user).catch(() => undefined);
    const agentCalling = deps.directory.agentByExtension(leg.info.from.user);
    if (!stored && agentCalling !== undefined) {
      record.set({ direction: 'outbound', agentId: Number(agentCalling), state: 'dialling' });
      await record.open(this.writer);
      return this.outbound(leg, record);
    }
    const flow = stored ?? (await deps.flows.forNumber('default').catch(() => undefined));
    if (!flow) {
      log.info({ to: leg.info.to.user }, 'no IVR flow for the dialled number');
      await leg.reject(404);
      record.endLeg(callerRow, 'unallocated_number', 'local');
      record.set({ state: 'rejected', endedAt: record.now(), hangupCause: 'unallocated_number', hangupSide: 'system' });
      await record.open(this.writer);
      return;
    }
    const { contact } = await deps.contacts.findOrCreate('phone', leg.info.from.user);
    record.set({ contactId: contact.id, variables: { flow: `${flow.name}@v${flow.version}` } });
    await record.open(this.writer);
    await leg.answer();

    const calendars = await deps.hours.list();
    const ctx: FlowContext = {
      flow: flow.flow,
      leg,
      caller: leg.info.from.user,
      called: leg.info.to.user,
      variables: {},
      skills: {},
      priority: 0,
      path: [],
      prompts: deps.prompts,
      businessHours: (name) => calendars.find((c) => c.name === name),
      http: deps.http,
      clock: deps.clock,
      log,
    };
    const outcome = await runFlow(ctx);
    record.set({ ivrExitedAt: record.now(), ivrPath: ctx.path, variables: { ...record.snapshot.variables, ...ctx.variables }, skills: ctx.skills, priority: ctx.priority });

    const end = async (cause: HangupCause, side: 'caller' | 'system', state: string) => {
      if (leg.state !== 'ended') await leg.hangup(cause).catch(() => undefined);
      record.set({ state, endedAt: record.now(), hangupCause: cause, hangupSide: side });
      await record.save();
    };
    switch (outcome.kind) {
      case 'caller_hangup':
        return end('normal_clearing', 'caller', 'ended');
      case 'hangup':
        return end('normal_clearing', 'system', 'ended');
      case 'voicemail':
        return takeVoicemail(deps, record, leg, flow.flow.locale, outcome.maxSeconds, outcome.queueName);
      case 'transfer': {
        record.event('transfer', { target: outcome.target });
        return this.ivrTransfer(leg, record, outcome.target);
      }
      case 'queue':
        return this.enqueue(leg, record, outcome.queueName, flow.flow.locale, contact);
    }
  }

  private async enqueue(leg: CallLeg, record: CallRecord, queueName: string, locale: 'zh-CN' | 'en', contact: { id: number; name: string; phone: string | null; tags: string[] }): Promise<void> {
    const { deps } = this;
    const queue = deps.directory.queueByName(queueName);
    if (!queue) {
      deps.log.error({ queueName }, 'IVR sent the call to an unknown queue');
      await leg.play([deps.prompts.builtin(locale, 'goodbye')]).catch(() => undefined);
      await leg.hangup('normal_clearing').catch(() => undefined);
      record.set({ state: 'ended', endedAt: record.now(), hangupCause: 'unallocated_number', hangupSide: 'system' });
      return record.save();
    }
    // A video call to a queue that takes only voice still reaches an agent, as a voice call.
    if (record.snapshot.media === 'video' && !queue.media.includes('video') && queue.media.includes('voice')) record.set({ media: 'voice' });
    const call = new VoiceCall(deps, record, leg, queue, locale, contact.name);
    this.calls.set(record.id, call);
    record.set({ queueId: Number(queue.id), queuedAt: record.now(), state: 'queued', skills: { ...queue.requiredSkills, ...record.snapshot.skills } });
    deps.directory.describe(record.id, { from: leg.info.from.user, contact, ivrPath: record.snapshot.ivrPath.map(({ node, digits }) => ({ node, ...(digits ? { digits } : {}) })) });
    await record.save();
    if (leg.state === 'ended') {
      await call.finish('normal_clearing', 'caller', { state: 'abandoned', abandoned: true });
      return;
    }
    call.startWaiting();
    const result = deps.router.submit({
      id: record.id,
      media: record.snapshot.media,
      queueId: queue.id,
      skills: record.snapshot.skills,
      priority: record.snapshot.priority,
      contactId: String(contact.id),
      arrivedAt: record.snapshot.arrivedAt,
    });
    if (result.outcome === 'refused') await call.exited('join_refused');
  }

  /** An agent dialled out from their softphone (click-to-dial): an extension directly, anything else through the trunk. */
  private outbound(leg: CallLeg, record: CallRecord): Promise<void> {
    const dialled = leg.info.to.user;
    const internal = this.deps.directory.agentByExtension(dialled) !== undefined;
    return this.ivrTransfer(leg, record, { kind: internal ? 'extension' : 'number', value: dialled }, true);
  }

  private async ivrTransfer(leg: CallLeg, record: CallRecord, target: { kind: 'extension' | 'number'; value: string }, answerFirst = false): Promise<void> {
    const { deps } = this;
    const row = record.addLeg(null, 'transfer', { toUri: target.value });
    try {
      const other = await deps.engine.originate(
        target.kind === 'extension' ? { kind: 'extension', destination: target.value } : { kind: 'trunk', destination: target.value, ...(deps.outboundTrunkId ? { trunkId: deps.outboundTrunkId } : {}) },
        { callerId: leg.info.from, timeoutMs: 30_000 },
      );
      record.track(other, row);
      if (answerFirst) await leg.answer();
      record.set({ answeredAt: record.now(), state: 'talking' });
      await record.save();
      const bridge = await deps.engine.bridge(leg, other);
      await new Promise<void>((resolve) => {
        leg.once('ended', () => resolve());
        other.once('ended', () => resolve());
      });
      await bridge.unbridge().catch(() => undefined);
      for (const l of [leg, other]) if (l.state !== 'ended') await l.hangup('normal_clearing').catch(() => undefined);
      record.set({ state: 'ended', endedAt: record.now(), talkMs: record.now() - (record.snapshot.answeredAt ?? record.now()), hangupCause: 'normal_clearing', hangupSide: 'caller' });
    } catch {
      record.endLeg(row, 'no_answer', 'remote');
      if (answerFirst && leg.state === 'ringing') await leg.reject(480).catch(() => undefined);
      else await leg.hangup('normal_clearing').catch(() => undefined);
      record.set({ state: 'ended', endedAt: record.now(), hangupCause: 'no_answer', hangupSide: 'system' });
    }
    await record.save();
  }
}
