import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Clock } from '../../../core/clock';
import { ValidationError } from '../../../core/errors';
import type {
  CallLeg, CollectOptions, CollectResult, DtmfEvent, HangupCause, HangupSide, LegEvents, LegInfo, PlayOptions, PlayResult, PlaySource, RecordingControl,
} from '../../engine';
import type { MediaClock } from '../media/media-clock';
import type { Dialog } from '../sip/dialog';
import type { DialogEndReason } from '../sip/dialog-events';
import { SipError } from '../sip/errors';
import type { IncomingCall } from '../sip/incoming-call';
import type { VideoLeg } from '../webrtc/video-relay';
import { causeForStatus, reasonHeader, statusForCause } from './causes';
import { playCollect } from './collect';
import { HoldControl } from './hold';
import { LegAudio } from './leg-audio';
import type { MediaFactory, NegotiatedMedia } from './media';
import { playOn, type PromptCache } from './play';
import { recordLeg } from './record';

/** What every leg shares with its engine. */
export interface LegContext {
  readonly clock: Clock;
  readonly mediaClock: MediaClock;
  readonly prompts: PromptCache;
  readonly recordingsDir: string;
  readonly log: Logger;
  factoryFor(sdp: string): MediaFactory | undefined;
  /** The leg ended and freed its media: drop it from the engine's books. */
  forget(leg: EmbeddedCallLeg): void;
}

/** Digits kept for the next prompt while nothing listens; more than a caller types ahead in practice. */
const MAX_TYPE_AHEAD = 32;

const DIALOG_END: Record<DialogEndReason, HangupCause> = {
  'remote-bye': 'normal_clearing',
  'local-bye': 'normal_clearing',
  'ack-timeout': 'recovery_on_timer_expire',
  'request-failed': 'recovery_on_timer_expire',
  stopped: 'normal_clearing',
};

/** One call leg: an inbound INVITE or an originated call, its dialog and its media. */
export class EmbeddedCallLeg extends EventEmitter<LegEvents> implements CallLeg {
  state: CallLeg['state'];
  readonly audio = new LegAudio();
  readonly log: Logger;
  private negotiated: NegotiatedMedia | null = null;
  private dialog: Dialog | null = null;
  private holdControl: HoldControl | null = null;
  private readonly stops = new Set<() => void>();
  private readonly typeAhead: string[] = [];
  private collectors = 0;
  private readonly closers = new Set<() => Promise<void>>();
  private ending: Promise<void> | null = null;

  constructor(
    private readonly ctx: LegContext,
    readonly info: LegInfo,
    private readonly incoming: IncomingCall | null,
  ) {
    super();
    this.state = incoming ? 'ringing' : 'answered';
    this.log = ctx.log.child({ leg: info.id, callId: info.sipCallId });
    incoming?.on('cancel', () => void this.end('originator_cancel', 'remote'));
  }

  /** The leg's video stream once one was agreed (WebRTC legs only), for relaying in a room. */
  get videoLeg(): VideoLeg | null {
    return this.negotiated?.videoLeg ?? null;
  }

  get ended(): boolean {
    return this.state === 'ended';
  }

  get prompts(): PromptCache {
    return this.ctx.prompts;
  }

  get clock(): Clock {
    return this.ctx.clock;
  }

  async ring(): Promise<void> {
    if (this.state === 'ringing') this.incoming?.ringing();
  }

  async answer(): Promise<void> {
    const call = this.incoming;
    if (this.state !== 'ringing' || !call) return;
    const factory = call.sdp ? this.ctx.factoryFor(call.sdp) : undefined;
    if (!call.sdp || !factory) {
      // No late-offer support and no factory for this profile (e.g. WebRTC without webrtc/).
      call.reject(488);
      await this.end('normal_temporary_failure', 'local');
      throw new SipError(488, 'offer not acceptable');
    }
    let negotiated: NegotiatedMedia;
    try {
      negotiated = await factory.answer(call.sdp);
    } catch (err) {
      call.reject(err instanceof ValidationError ? 488 : 503);
      await this.end('normal_temporary_failure', 'local');
      throw err;
    }
    if (this.ended) {
      await negotiated.media.close();
      throw new SipError(487, 'caller cancelled while answering');
    }
    this.negotiated = negotiated;
    this.wireMedia(negotiated);
    try {
      this.attachDialog(await call.answer(negotiated.localSdp), negotiated);
    } catch (err) {
      await this.end(err instanceof SipError && err.status === 487 ? 'originator_cancel' : 'recovery_on_timer_expire', 'local');
      throw err;
    }
    this.state = 'answered';
    this.emit('answered');
  }

  /** An originated leg: the far end answered; media and dialog are ready. */
  adopt(negotiated: NegotiatedMedia, dialog: Dialog): void {
    this.negotiated = negotiated;
    this.wireMedia(negotiated);
    this.attachDialog(dialog, negotiated);
  }

  async reject(status: 403 | 404 | 480 | 486 | 503 | 603): Promise<void> {
    if (this.state !== 'ringing' || !this.incoming) return;
    this.incoming.reject(status);
    await this.end(causeForStatus(status), 'local');
  }

  play(sources: PlaySource[], options: PlayOptions = {}): Promise<PlayResult> {
    if (this.state !== 'answered') return Promise.resolve({ stopped: true });
    try {
      return playOn(this, sources, options);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async playCollect(sources: PlaySource[], options: CollectOptions): Promise<CollectResult> {
    if (this.state !== 'answered') return { digits: '', reason: 'hangup' };
    return playCollect(this, sources, options);
  }

  stopMedia(): void {
    for (const stop of [...this.stops]) stop();
  }

  async sendDtmf(digits: string): Promise<void> {
    const media = this.negotiated?.media;
    if (!media || !this.dialog) throw new ValidationError('leg has no media yet');
    for (const digit of digits) {
      try {
        media.sendDigit(digit, 100);
      } catch {
        // telephone-event was not negotiated: SIP INFO is the fallback both sides understand.
        await this.dialog.sendDtmf(digit);
      }
    }
  }

  async record(path: string): Promise<RecordingControl> {
    if (this.state !== 'answered') throw new ValidationError('only an answered leg can be recorded');
    return recordLeg(this.audio, this.ctx.mediaClock, this.ctx.recordingsDir, path, (close) => {
      this.closers.add(close);
      return () => this.closers.delete(close);
    });
  }

  async hold(): Promise<void> {
    await this.holdControl?.hold();
  }

  async unhold(): Promise<void> {
    await this.holdControl?.unhold();
  }

  async hangup(cause: HangupCause = 'normal_clearing'): Promise<void> {
    if (this.ended) return this.ending ?? undefined;
    const headers = { Reason: reasonHeader(cause) };
    if (this.state === 'ringing') this.incoming?.reject(statusForCause(cause), { headers });
    // end() first: the dialog reports its own end synchronously and must not set the cause.
    const ending = this.end(cause, 'local');
    await Promise.all([ending, this.dialog?.bye({ headers })]);
  }

  /**
   * For play/collect: every digit from RFC 4733 or SIP INFO. Digits pressed while nothing was
   * listening (between two prompts) are handed over first, as a phone system's type-ahead does.
   */
  subscribe(listener: (digit: string) => void): () => void {
    let active = true;
    this.collectors++;
    const handler = (ev: { digit: string }): void => listener(ev.digit);
    this.on('dtmf', handler);
    const pending = this.typeAhead.splice(0);
    if (pending.length > 0) queueMicrotask(() => pending.forEach((d) => active && listener(d)));
    return () => {
      if (!active) return;
      active = false;
      this.collectors--;
      this.off('dtmf', handler);
    };
  }

  private digit(event: DtmfEvent): void {
    if (this.collectors === 0 && this.typeAhead.length < MAX_TYPE_AHEAD) this.typeAhead.push(event.digit);
    this.emit('dtmf', event);
  }

  onStop(stop: () => void): () => void {
    this.stops.add(stop);
    return () => this.stops.delete(stop);
  }

  private wireMedia(n: NegotiatedMedia): void {
    const media = n.media;
    media.on('frame', this.audio.onFrame);
    media.on('dtmf', (d) => this.digit({ digit: d.digit, durationMs: d.durationMs, method: 'rfc4733' }));
    media.on('timeout', () => {
      if (this.holdControl?.held || this.ended) return;
      this.log.info('no RTP from the far end: hanging up');
      this.emit('media-timeout');
      void this.hangup('media_timeout');
    });
    media.setSource(this.audio);
  }

  private attachDialog(dialog: Dialog, negotiated: NegotiatedMedia): void {
    this.dialog = dialog;
    this.holdControl = new HoldControl(dialog, negotiated, this.audio, () => this.ctx.prompts.source({ kind: 'moh' }), this.log);
    dialog.on('bye', () => void this.end('normal_clearing', 'remote'));
    dialog.on('terminated', (reason) => void this.end(DIALOG_END[reason], reason === 'remote-bye' ? 'remote' : 'local'));
    dialog.on('info', (ev) => {
      if (ev.dtmf) this.digit({ digit: ev.dtmf.signal, durationMs: ev.dtmf.durationMs, method: 'info' });
    });
    dialog.on('refer', (ev) => {
      ev.accept();
      this.emit('refer', { target: ev.referTo });
      // The transfer is the application's from here; the referrer may hang up.
      void ev.notify(200);
    });
  }

  /** Ends once: stops plays and collects, finishes recordings, frees the media port. */
  end(cause: HangupCause, side: HangupSide): Promise<void> {
    if (this.ending) return this.ending;
    this.state = 'ended';
    this.ending = (async () => {
      this.stopMedia();
      await Promise.all([...this.closers].map((close) => close().catch((err: unknown) => this.log.warn({ err }, 'recording close failed'))));
      this.audio.release();
      await this.negotiated?.media.close();
      if (this.dialog && this.dialog.state !== 'terminated') this.dialog.end('stopped');
      this.ctx.forget(this);
      this.log.debug({ cause, side }, 'leg ended');
      this.emit('ended', { cause, side });
    })();
    return this.ending;
  }
}
