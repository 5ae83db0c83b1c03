import { toApiError } from '../../../api';
import { RealtimeError } from '../../../realtime';
import { createStore, type Store } from '../../../store';
import { AgentFeed } from './agent-feed';
import { deviceStore, routeToSpeaker } from './media-devices';
import { phoneApi, type BlindTarget, type QueueInfo, type TransferTarget } from './phone-api';
import { initialPhoneState, newCall, patchCall, type CallView, type OfferView, type PendingAction, type PhoneState, type RecordingState } from './phone-state';
import type { SipCall } from './sip-call';
import { SipPhone } from './sip-phone';

const message = (err: unknown): string => toApiError(err).message;

/**
 * The softphone's brain: SIP sessions from SipPhone, screen-pop data and call ends from the
 * `/agent` stream, and call control through the REST API (hold with music, transfer, three-way,
 * recording), which acts on the ACD's call rather than on the agent's SIP leg.
 */
export class SoftphoneController {
  readonly store: Store<PhoneState> = createStore<PhoneState>(initialPhoneState);
  private readonly sip: SipPhone;
  private readonly sessions = new Map<string, SipCall>();
  private readonly offers = new Map<string, OfferView>();
  /** Who each ACD call was with, remembered for the wrap-up form after the session is gone. */
  private readonly parties = new Map<string, { remote: string; contactName: string | null }>();
  private readonly consultTargets = new Map<string, TransferTarget>();
  /** Remote audio plays from detached elements, so a call keeps sounding while the agent opens other pages. */
  private readonly players = new Map<string, HTMLAudioElement>();
  private feed: AgentFeed | undefined;
  private queues: Promise<QueueInfo[]> | undefined;

  constructor() {
    this.sip = new SipPhone({
      registration: (registration, problem) => this.update((s) => ({ ...s, registration, problem: problem ?? (registration === 'registered' ? null : s.problem) })),
      incoming: (call, info) => {
        this.sessions.set(call.id, call);
        const offer = info.interactionId ? (this.offers.get(info.interactionId) ?? null) : null;
        this.update((s) => ({ ...s, calls: [...s.calls, newCall({ id: call.id, direction: 'inbound', phase: 'ringing', ...info, videoSending: info.video, offer })] }));
      },
      callState: (call, state) => {
        if (state === 'established') void this.established(call);
        if (state === 'terminated') this.terminated(call.id);
      },
      rejected: (call, status) => {
        const view = this.call(call.id);
        if (view) this.update((s) => ({ ...s, failedCall: { number: view.remote, status } }));
        this.terminated(call.id);
      },
    });
  }

  get state(): PhoneState {
    return this.store.get();
  }

  private update(change: (s: PhoneState) => PhoneState): void {
    this.store.set(change(this.store.get()));
  }

  private patch(id: string, patch: Partial<CallView>): void {
    this.update((s) => patchCall(s, id, patch));
  }

  private call(id: string): CallView | undefined {
    return this.state.calls.find((c) => c.id === id);
  }

  async start(): Promise<void> {
    this.feed = new AgentFeed({
      offer: (offer) => {
        this.offers.set(offer.interactionId, offer);
        for (const c of this.state.calls) if (c.interactionId === offer.interactionId) this.patch(c.id, { offer });
      },
      offerCancelled: (id) => this.offers.delete(id),
      ended: ({ interactionId, wrapUpSeconds }) => this.beginWrapUp(interactionId, wrapUpSeconds),
      monitored: ({ interactionId, mode }) => {
        for (const c of this.state.calls) if (c.interactionId === interactionId) this.patch(c.id, { monitored: mode });
      },
    });
    try {
      const account = await phoneApi.sipAccount();
      this.update((s) => ({ ...s, extension: account.extension }));
      await this.sip.start(account);
    } catch (err) {
      this.update((s) => ({ ...s, registration: 'failed', problem: message(err) }));
    }
  }

  async stop(): Promise<void> {
    this.feed?.close();
    this.feed = undefined;
    await this.sip.stop();
  }

  streams(id: string): { remote: MediaStream | undefined; local: MediaStream | undefined } {
    const session = this.sessions.get(id);
    return { remote: session?.remoteStream, local: session?.localStream };
  }

  private async established(call: SipCall): Promise<void> {
    const view = this.call(call.id);
    if (!view) return;
    const contactName = view.offer?.contact?.name || view.remoteName;
    if (view.interactionId) this.parties.set(view.interactionId, { remote: view.offer?.from ?? view.remote, contactName: contactName || null });
    this.patch(call.id, { phase: 'talking', startedAt: Date.now(), pending: null, video: call.hasRemoteVideo || view.video });
    this.play(call);
    if (view.interactionId) this.patch(call.id, { recording: await this.recordingAtStart(view) });
  }

  /** The queue's policy says whether the server started recording when the call was put through. */
  private async recordingAtStart(view: CallView): Promise<RecordingState> {
    this.queues ??= phoneApi.queues().catch(() => []);
    const queues = await this.queues;
    const queue = queues.find((q) => (view.offer ? q.id === view.offer.queueId : q.name === view.queue));
    if (!queue || queue.recordingPolicy === 'never') return 'unavailable';
    return queue.recordingPolicy === 'always' ? 'on' : 'off';
  }

  private play(call: SipCall): void {
    const el = new Audio();
    el.autoplay = true;
    el.srcObject = call.remoteStream ?? null;
    this.players.set(call.id, el);
    routeToSpeaker(el, deviceStore.get().speaker).catch(() => undefined);
    el.play().catch(() => undefined); // blocked autoplay only silences the speaker; media still flows
  }

  /** The chosen speaker applies to calls in progress at once. */
  async setSpeaker(deviceId: string): Promise<void> {
    await Promise.all([...this.players.values()].map((el) => routeToSpeaker(el, deviceId)));
  }

  private terminated(id: string): void {
    const player = this.players.get(id);
    if (player) player.srcObject = null;
    this.players.delete(id);
    this.sessions.delete(id);
    this.consultTargets.delete(id);
    this.update((s) => ({ ...s, calls: s.calls.filter((c) => c.id !== id) }));
  }

  private beginWrapUp(interactionId: string, wrapUpSeconds: number): void {
    if (this.state.wrapUps.some((w) => w.interactionId === interactionId)) return;
    const party = this.parties.get(interactionId);
    this.parties.delete(interactionId);
    this.offers.delete(interactionId);
    const deadline = wrapUpSeconds > 0 ? Date.now() + wrapUpSeconds * 1000 : null;
    this.update((s) => ({ ...s, wrapUps: [...s.wrapUps, { interactionId, remote: party?.remote ?? '', contactName: party?.contactName ?? null, deadline }] }));
  }

  /** Runs one call-control step with the call marked busy; a failure is shown on the call. */
  private async act(id: string, action: PendingAction, run: (view: CallView, session: SipCall) => Promise<Partial<CallView> | void>): Promise<void> {
    const view = this.call(id);
    const session = this.sessions.get(id);
    if (!view || !session || view.pending) return;
    this.patch(id, { pending: action, error: null });
    try {
      const patch = await run(view, session);
      if (this.call(id)) this.patch(id, { ...patch, pending: null });
    } catch (err) {
      if (this.call(id)) this.patch(id, { pending: null, error: message(err) });
    }
  }

  answer(id: string): Promise<void> {
    return this.act(id, 'answer', async (_v, session) => {
      await session.answer();
    });
  }

  decline(id: string): Promise<void> {
    return this.act(id, 'hangup', async (_v, session) => {
      await session.decline();
    });
  }

  /** BYE from the softphone ends the agent's leg; the ACD then ends the whole call (and any third party). */
  hangup(id: string): Promise<void> {
    return this.act(id, 'hangup', async (view, session) => {
      try {
        await session.hangup();
      } catch (err) {
        if (!view.interactionId) throw err;
        await phoneApi.hangup(view.interactionId);
      }
    });
  }

  toggleMute(id: string): void {
    const view = this.call(id);
    if (!view) return;
    this.sessions.get(id)?.setMuted(!view.muted);
    this.patch(id, { muted: !view.muted });
  }

  toggleVideo(id: string): void {
    const view = this.call(id);
    if (!view) return;
    this.sessions.get(id)?.setVideoSending(!view.videoSending);
    this.patch(id, { videoSending: !view.videoSending });
  }

  /** ACD calls: the server holds the caller with music. Other calls: a re-INVITE from the softphone. */
  toggleHold(id: string): Promise<void> {
    return this.act(id, 'hold', async (view, session) => {
      const held = !view.held;
      if (view.interactionId) await phoneApi.hold(view.interactionId, held);
      else await session.reinviteHold(held);
      return { held };
    });
  }

  async dtmf(id: string, tone: string): Promise<void> {
    try {
      await this.sessions.get(id)?.sendDtmf(tone);
    } catch (err) {
      this.patch(id, { error: message(err) });
    }
  }

  setRecording(id: string, action: 'start' | 'pause' | 'resume'): Promise<void> {
    return this.act(id, 'recording', async (view) => {
      if (!view.interactionId) return;
      await phoneApi.recording(view.interactionId, action);
      return { recording: action === 'pause' ? 'paused' : 'on' };
    });
  }

  /** Blind transfer: the server rings the target, joins it to the caller and ends this agent's leg. */
  transfer(id: string, target: BlindTarget): Promise<void> {
    return this.act(id, 'transfer', async (view) => {
      if (!view.interactionId) throw new Error('only queue calls can be transferred');
      await phoneApi.transfer(view.interactionId, target);
    });
  }

  /** Three-way: the server rings the target and adds it to the call; nobody leaves. */
  conference(id: string, target: TransferTarget): Promise<void> {
    return this.act(id, 'conference', async (view) => {
      if (!view.interactionId) throw new Error('only queue calls can be conferenced');
      await phoneApi.conference(view.interactionId, target);
    });
  }

  /** Attended transfer, step one: the caller waits with music while the agent talks to the target. */
  consult(id: string, target: TransferTarget): Promise<void> {
    return this.act(id, 'consult', async (view, session) => {
      if (!view.held) {
        if (view.interactionId) await phoneApi.hold(view.interactionId, true);
        else await session.reinviteHold(true);
      }
      const consult = this.place(target.value, false, id);
      this.consultTargets.set(consult.id, target);
      return { held: true };
    });
  }

  /**
   * Step two: the consultation ends and the server connects the target to the caller, either
   * instead of the agent (transfer) or beside them (conference, then the caller comes off hold).
   */
  async completeConsult(consultId: string, mode: 'transfer' | 'conference'): Promise<void> {
    const consult = this.call(consultId);
    const target = this.consultTargets.get(consultId);
    const original = consult?.consultFor ? this.call(consult.consultFor) : undefined;
    if (!consult || !target || !original) return;
    await this.sessions.get(consultId)?.hangup().catch(() => undefined);
    if (mode === 'transfer') await this.transfer(original.id, target);
    else {
      await this.conference(original.id, target);
      if (!this.call(original.id)?.error) await this.toggleHold(original.id);
    }
  }

  /** Back to the caller: the consultation hangs up and the caller comes off hold. */
  async cancelConsult(consultId: string): Promise<void> {
    const consult = this.call(consultId);
    await this.sessions.get(consultId)?.hangup().catch(() => undefined);
    const original = consult?.consultFor ? this.call(consult.consultFor) : undefined;
    if (original?.held) await this.toggleHold(original.id);
  }

  /** Click-to-dial: an outbound call from the agent's extension. */
  callNumber(number: string, video = false): string {
    if (this.state.registration !== 'registered') throw new Error('the softphone is not registered');
    return this.place(number, video, null).id;
  }

  private place(number: string, video: boolean, consultFor: string | null): SipCall {
    const session = this.sip.dial(number, video);
    this.sessions.set(session.id, session);
    this.update((s) => ({ ...s, failedCall: null, calls: [...s.calls, newCall({ id: session.id, direction: 'outbound', phase: 'dialling', remote: number, video, videoSending: video, consultFor })] }));
    return session;
  }

  /** Stores the disposition and notes on the call and ends wrap-up. */
  async endWrapUp(interactionId: string, disposition: string, notes: string): Promise<void> {
    if (!this.feed) throw new Error('not connected');
    try {
      await this.feed.endWrapUp(interactionId, disposition, notes);
    } catch (err) {
      // Wrap-up already over (timer ran out): the server stored the notes before saying so.
      if (!(err instanceof RealtimeError && err.code === 'conflict')) throw err;
    }
    this.update((s) => ({ ...s, wrapUps: s.wrapUps.filter((w) => w.interactionId !== interactionId) }));
  }

  clearFailedCall(): void {
    this.update((s) => ({ ...s, failedCall: null }));
  }

  /** The chosen device applies to calls in progress at once. */
  async switchDevice(kind: 'audio' | 'video', deviceId: string): Promise<void> {
    for (const view of this.state.calls) {
      const enabled = kind === 'audio' ? !view.muted : view.videoSending;
      await this.sessions.get(view.id)?.switchDevice(kind, deviceId, enabled).catch((err: unknown) => this.patch(view.id, { error: message(err) }));
    }
  }
}
