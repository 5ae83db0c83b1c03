import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { CallLeg, Conference, ConferenceMember, MemberFlags, RecordingControl } from '../engine';
import { OriginateError } from '../engine';
import type { QueueSettings } from '../../core/queues/queue-service';
import type { RecordingSnapshot } from '../../core/records/cdr';
import type { AcdDeps } from './ports';
import { recordingPath } from './recording-path';
import type { VoiceCall } from './voice-call';
import { isEnded } from './leg-state';

export type MonitorMode = 'listen' | 'whisper' | 'barge';

const full: MemberFlags = { speak: true, hear: true };

/**
 * A caller talking to an agent. Both legs sit in a conference from the start, so a supervisor
 * joining to listen, whisper or barge, a third party, or a transfer never re-plumbs the media.
 */
export class ConnectedCall {
  private monitors = new Map<string, ConferenceMember>();
  private recording: { control: RecordingControl; snap: RecordingSnapshot } | undefined;
  private ending = false;
  /** Set when the caller was handed to another queue: this connection no longer ends the call. */
  private released = false;

  private constructor(
    private readonly deps: AcdDeps,
    private readonly call: VoiceCall,
    private caller: CallLeg,
    private readonly callerMember: ConferenceMember,
    private agentLeg: CallLeg,
    private agentId: string,
    private readonly conference: Conference,
  ) {}

  static async start(deps: AcdDeps, call: VoiceCall, caller: CallLeg, agentLeg: CallLeg, agentId: string): Promise<ConnectedCall> {
    // One room per answer: a caller handed to another queue and answered again gets a new one.
    const conference = await deps.engine.conference(`call-${call.id}-${call.record.snapshot.legs.length}`);
    const callerMember = await conference.join(caller, full);
    await conference.join(agentLeg, full);
    const connected = new ConnectedCall(deps, call, caller, callerMember, agentLeg, agentId, conference);
    connected.watch();
    if (call.queue.recordingPolicy === 'always') await connected.startRecording();
    return connected;
  }

  get agent(): string {
    return this.agentId;
  }

  get recordingActive(): boolean {
    return this.recording !== undefined;
  }

  private watch(): void {
    this.caller.once('ended', () => void this.end('caller'));
    this.watchAgent(this.agentLeg);
  }

  /** The agent's side ending ends the call, unless that leg was already handed over (a transfer). */
  private watchAgent(leg: CallLeg): void {
    leg.once('ended', () => {
      if (leg === this.agentLeg) void this.end('agent');
    });
    leg.on('refer', ({ target }) => void this.transfer({ kind: 'extension', value: target.replace(/^sip:([^@;]+).*$/, '$1') }));
  }

  async startRecording(): Promise<void> {
    if (this.recording || this.call.queue.recordingPolicy === 'never') return;
    const id = randomUUID();
    const startedAt = this.call.record.now();
    const control = await this.caller.record(recordingPath(this.deps.recordingsDir, id, startedAt));
    const snap = this.call.record.recording({ id, path: control.path, startedAt, endedAt: null, durationMs: null, sizeBytes: null, pausedIntervals: [], retainUntil: startedAt + this.deps.recordingRetentionDays * 86_400_000 });
    this.recording = { control, snap };
    this.call.record.event('recording_started', { recordingId: id });
  }

  /** The agent pauses for sensitive data (card numbers); the file keeps its timing, with silence. */
  pauseRecording(paused: boolean): void {
    if (!this.recording) return;
    if (paused) this.recording.control.pause();
    else this.recording.control.resume();
    this.call.record.event(paused ? 'recording_paused' : 'recording_resumed', { recordingId: this.recording.snap.id });
  }

  async hold(held: boolean): Promise<void> {
    if (held) await this.caller.hold();
    else await this.caller.unhold();
    this.call.record.event(held ? 'hold' : 'unhold');
  }

  /** A supervisor joins from their own softphone; calling again with another mode switches it in place. */
  async monitor(supervisorExtension: string, mode: MonitorMode): Promise<void> {
    const existing = this.monitors.get(supervisorExtension);
    const flags = this.flagsFor(mode);
    if (existing) {
      await existing.setFlags(flags);
      this.call.record.event('monitor', { extension: supervisorExtension, mode });
      return;
    }
    const legRow = this.call.record.addLeg(null, 'supervisor', { toUri: supervisorExtension });
    const leg = await this.deps.engine.originate({ kind: 'extension', destination: supervisorExtension }, { callerId: { user: 'monitor', uri: '' }, timeoutMs: 30_000, headers: { 'X-Monitor': this.call.id } });
    this.call.record.track(leg, legRow);
    const member = await this.conference.join(leg, flags);
    this.monitors.set(supervisorExtension, member);
    leg.once('ended', () => this.monitors.delete(supervisorExtension));
    this.call.record.event('monitor', { extension: supervisorExtension, mode });
  }

  private flagsFor(mode: MonitorMode): MemberFlags {
    if (mode === 'listen') return { speak: false, hear: true };
    if (mode === 'whisper') return { speak: true, hear: true, notHeardBy: [this.caller] };
    return full;
  }

  /** Blind transfer: the target is rung, joins the caller, and the agent leaves. */
  async transfer(target: { kind: 'extension' | 'number'; value: string }): Promise<void> {
    const legRow = this.call.record.addLeg(null, 'transfer', { toUri: target.value });
    this.call.record.event('transfer', { target });
    // The caller hears ringback while the target rings (a prompt on a member overrides its mix).
    void this.caller.play([{ kind: 'tone', tone: 'ringback' }], { loop: true }).catch(() => undefined);
    try {
      const leg = await this.deps.engine.originate(
        target.kind === 'extension' ? { kind: 'extension', destination: target.value } : { kind: 'trunk', destination: target.value, ...(this.deps.outboundTrunkId ? { trunkId: this.deps.outboundTrunkId } : {}) },
        // The new agent gets video too; the room moves the video pair over when the old one leaves.
        { callerId: { user: this.call.record.snapshot.fromAddress ?? 'anonymous', uri: '' }, timeoutMs: 30_000, video: this.call.record.snapshot.media === 'video' },
      );
      this.call.record.track(leg, legRow);
      this.caller.stopMedia();
      await this.conference.join(leg, full);
      const previousAgent = this.agentLeg;
      this.agentLeg = leg;
      const transferredAgent = this.deps.directory.agentByExtension(target.value);
      // The original agent's part ends here (wrap-up); the call itself goes on with the new party.
      this.call.tryRouter(() => this.deps.router.end(this.call.id));
      if (transferredAgent) this.call.record.set({ agentId: Number(transferredAgent) });
      this.watchAgent(leg);
      await previousAgent.hangup('transfer');
      await this.call.record.save();
    } catch (err) {
      this.call.record.endLeg(legRow, err instanceof OriginateError ? err.hangupCause : 'normal_temporary_failure', 'remote');
      this.caller.stopMedia();
      this.call.record.event('transfer_failed', { target });
    }
  }

  /** Three-way: the target joins, nobody leaves. */
  async addParty(target: { kind: 'extension' | 'number'; value: string }): Promise<void> {
    const legRow = this.call.record.addLeg(null, 'transfer', { toUri: target.value });
    const leg = await this.deps.engine.originate(
      target.kind === 'extension' ? { kind: 'extension', destination: target.value } : { kind: 'trunk', destination: target.value, ...(this.deps.outboundTrunkId ? { trunkId: this.deps.outboundTrunkId } : {}) },
      { callerId: { user: this.call.record.snapshot.fromAddress ?? 'anonymous', uri: '' }, timeoutMs: 30_000 },
    );
    this.call.record.track(leg, legRow);
    await this.conference.join(leg, full);
    this.call.record.event('conference_added', { target });
  }

  /** Transfer to a queue: the agent's part ends (wrap-up) and the caller waits in the new queue. */
  async transferToQueue(queue: QueueSettings): Promise<void> {
    this.released = true;
    await this.finishRecording();
    await this.callerMember.leave();
    const agentLeg = this.agentLeg;
    await this.call.requeue(queue);
    await agentLeg.hangup('transfer').catch(() => undefined);
    await this.conference.destroy().catch(() => undefined);
  }

  async hangup(): Promise<void> {
    await this.end('agent');
  }

  private async finishRecording(): Promise<void> {
    if (!this.recording) return;
    const { control, snap } = this.recording;
    this.recording = undefined;
    const result = await control.stop().catch(() => ({ durationMs: 0, pausedIntervals: [] }));
    snap.endedAt = this.call.record.now();
    snap.durationMs = result.durationMs;
    snap.pausedIntervals = result.pausedIntervals;
    snap.sizeBytes = statSync(control.path, { throwIfNoEntry: false })?.size ?? null;
  }

  private async end(side: 'caller' | 'agent'): Promise<void> {
    if (this.ending || this.released) return;
    this.ending = true;
    await this.finishRecording();
    const others = [this.caller, this.agentLeg, ...[...this.monitors.values()].map((m) => m.leg)];
    await Promise.all(others.filter((l) => !isEnded(l)).map((l) => l.hangup('normal_clearing').catch(() => undefined)));
    await this.conference.destroy().catch(() => undefined);
    await this.call.finish('normal_clearing', side, { state: 'ended' });
  }
}
