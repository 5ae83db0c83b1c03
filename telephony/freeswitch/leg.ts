import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { Unavailable, ValidationError } from '../../core/errors';
import type {
  CallLeg, CollectOptions, CollectResult, HangupCause, HangupSide, LegEvents, LegInfo, PlayOptions, PlayResult, PlaySource, RecordingControl,
} from '../engine';
import { portCauseOfFs, portCauseOfSip, reasonHeader, sipStatusOfPort } from './causes';
import type { FsEndpoint, SrfDialog, SrfRequest, SrfResponse } from './drachtio-types';
import { DtmfMethods } from './dtmf';
import { api, within } from './esl-call';
import { interpretEvent } from './esl-event';
import { answerInbound } from './answer';
import type { FsLegContext } from './leg-context';
import { HoldState, playCollectOn, playOn, recordOn, type MediaHost } from './leg-media';
import { parseDtmfInfo, referTarget } from './sip-bodies';

/** One call leg: the phone's dialog on drachtio plus its FreeSWITCH channel (one endpoint). */
export class FreeswitchCallLeg extends EventEmitter<LegEvents> implements CallLeg, MediaHost {
  state: CallLeg['state'];
  readonly log: Logger;
  endpoint: FsEndpoint | null = null;
  dialog: SrfDialog | null = null;
  /** The leg this one is uuid_bridge'd to, if any. */
  bridgedWith: FreeswitchCallLeg | null = null;
  readonly holdState = new HoldState();
  private readonly dtmf = new DtmfMethods();
  private readonly stops = new Set<() => void>();
  private readonly closers = new Set<() => Promise<void>>();
  private ending: Promise<void> | null = null;

  constructor(
    readonly ctx: FsLegContext,
    readonly info: LegInfo,
    private readonly inbound: { req: SrfRequest; res: SrfResponse } | null,
  ) {
    super();
    this.state = inbound ? 'ringing' : 'answered';
    this.log = ctx.log.child({ leg: info.id, callId: info.sipCallId });
    inbound?.req.on('cancel', () => void this.end('originator_cancel', 'remote'));
  }

  get ended(): boolean {
    return this.state === 'ended';
  }

  async ring(): Promise<void> {
    const res = this.inbound?.res;
    if (this.state === 'ringing' && res && !res.finalResponseSent) res.send(180);
  }

  async answer(): Promise<void> {
    const inbound = this.inbound;
    if (this.state !== 'ringing' || !inbound) return;
    const ms = this.ctx.mediaServer();
    if (!ms) {
      // Media is down: the caller gets a clean 503 rather than a call with no audio.
      if (!inbound.res.finalResponseSent) inbound.res.send(503, { headers: { 'Retry-After': '5' } });
      await this.end('normal_temporary_failure', 'local');
      throw new Unavailable('media server unavailable');
    }
    const pair = await answerInbound(this, ms, inbound.req, inbound.res).catch(async (err: unknown) => {
      await this.end(this.ended ? 'originator_cancel' : 'normal_temporary_failure', this.ended ? 'remote' : 'local');
      throw err;
    });
    if (this.ended) {
      void pair.dialog.destroy().catch(() => undefined);
      await this.closeEndpoint(pair.endpoint);
      throw new ValidationError('caller cancelled while answering');
    }
    this.attach(pair.endpoint, pair.dialog);
    this.state = 'answered';
    this.emit('answered');
  }

  async reject(status: 403 | 404 | 480 | 486 | 503 | 603): Promise<void> {
    const res = this.inbound?.res;
    if (this.state !== 'ringing' || !res) return;
    if (!res.finalResponseSent) res.send(status);
    await this.end(portCauseOfSip(status), 'local');
  }

  play(sources: PlaySource[], options: PlayOptions = {}): Promise<PlayResult> {
    if (this.state !== 'answered') return Promise.resolve({ stopped: true });
    return playOn(this, sources, options);
  }

  async playCollect(sources: PlaySource[], options: CollectOptions): Promise<CollectResult> {
    if (this.state !== 'answered') return { digits: '', reason: 'hangup' };
    return playCollectOn(this, sources, options);
  }

  stopMedia(): void {
    for (const stop of [...this.stops]) stop();
    const ep = this.endpoint;
    if (ep && !this.ended) api(ep, 'uuid_break', `${ep.uuid} all`, this.ctx.commandTimeoutMs).catch(() => undefined);
  }

  async sendDtmf(digits: string): Promise<void> {
    const ep = this.endpoint;
    if (!ep || this.ended) throw new ValidationError('leg has no media yet');
    await api(ep, 'uuid_send_dtmf', `${ep.uuid} ${digits}`, this.ctx.commandTimeoutMs);
  }

  async record(path: string): Promise<RecordingControl> {
    if (this.state !== 'answered' || !this.endpoint) throw new ValidationError('only an answered leg can be recorded');
    return recordOn(this, path);
  }

  async hold(): Promise<void> {
    if (this.state === 'answered') await this.holdState.hold(this);
  }

  async unhold(): Promise<void> {
    if (this.state === 'answered') await this.holdState.unhold(this);
  }

  async hangup(cause: HangupCause = 'normal_clearing'): Promise<void> {
    if (this.ended) return this.ending ?? undefined;
    const headers = { Reason: reasonHeader(cause) };
    const res = this.inbound?.res;
    if (this.state === 'ringing' && res && !res.finalResponseSent) res.send(sipStatusOfPort(cause), { headers });
    const dialog = this.dialog;
    const ending = this.end(cause, 'local');
    if (dialog?.connected) await within(dialog.destroy({ headers }), this.ctx.commandTimeoutMs, 'BYE').catch(() => undefined);
    await ending;
  }

  /** MediaHost: registers what stopMedia() or hang-up must do; returns the unregister function. */
  onStop(stop: () => void): () => void {
    this.stops.add(stop);
    return () => this.stops.delete(stop);
  }

  /** MediaHost: finishes a recording at hang-up if nobody stopped it. */
  onClose(close: () => Promise<void>): () => void {
    this.closers.add(close);
    return () => this.closers.delete(close);
  }

  /** An answered call: the phone's dialog and the channel FreeSWITCH made for it. */
  attach(endpoint: FsEndpoint, dialog: SrfDialog): void {
    this.endpoint = endpoint;
    this.dialog = dialog;
    dialog.on('destroy', () => void this.end('normal_clearing', 'remote'));
    dialog.on('info', (req: SrfRequest, res: SrfResponse) => this.onInfo(req, res));
    dialog.on('refer', (req: SrfRequest, res: SrfResponse) => this.onRefer(req, res, dialog));
    dialog.on('modify', (req: SrfRequest, res: SrfResponse) => this.onReinvite(req, res, endpoint));
    endpoint.conn?.on(`esl::event::DTMF::${endpoint.uuid}`, (evt) => {
      const ev = interpretEvent((name) => evt.getHeader(name));
      if (ev.kind === 'dtmf' && ev.digit) this.emit('dtmf', { digit: ev.digit, durationMs: ev.durationMs, method: this.dtmf.classify(ev.digit, ev.source) });
    });
    endpoint.on('destroy', (args?: { reason?: string }) => this.onChannelGone(args?.reason));
    // When the phone holds FreeSWITCH (its own hold button), FreeSWITCH plays hold_music to whoever
    // is bridged to it; its default (local_stream://moh) is a stream this configuration has not got.
    api(endpoint, 'uuid_setvar', `${endpoint.uuid} hold_music ${this.ctx.moh}`, this.ctx.commandTimeoutMs).catch((err: unknown) => this.log.debug({ err }, 'could not set hold music'));
  }

  /** FreeSWITCH ended the channel (RTP timeout, kill) or its socket vanished (FreeSWITCH died). */
  private onChannelGone(fsCause: string | undefined): void {
    if (this.ended) return;
    if (fsCause === undefined) {
      this.log.warn('media server connection for this call was lost');
      void this.hangup('normal_temporary_failure');
      return;
    }
    const cause = portCauseOfFs(fsCause);
    if (cause === 'media_timeout') {
      this.log.info('no RTP from the far end: hanging up');
      this.emit('media-timeout');
    }
    void this.hangup(cause === 'normal_clearing' ? 'normal_temporary_failure' : cause);
  }

  private onInfo(req: SrfRequest, res: SrfResponse): void {
    res.send(200);
    const dtmf = parseDtmfInfo(req.get('Content-Type'), req.body);
    const ep = this.endpoint;
    if (!dtmf || !ep) return;
    // Into the channel, so play_and_get_digits sees it; the DTMF event then reports it once.
    this.dtmf.injectedInfo(dtmf.digit);
    api(ep, 'uuid_recv_dtmf', `${ep.uuid} ${dtmf.digit}@${dtmf.durationMs}`, this.ctx.commandTimeoutMs).catch(() => {
      this.dtmf.classify(dtmf.digit, 'APP');
      this.emit('dtmf', { digit: dtmf.digit, durationMs: dtmf.durationMs, method: 'info' });
    });
  }

  private onRefer(req: SrfRequest, res: SrfResponse, dialog: SrfDialog): void {
    const target = referTarget(req.get('Refer-To'));
    if (!target) {
      res.send(400);
      return;
    }
    res.send(202);
    this.emit('refer', { target });
    // The transfer is the application's from here; tell the referrer it may hang up.
    dialog
      .request({ method: 'NOTIFY', headers: { Event: 'refer', 'Subscription-State': 'terminated;reason=noresource', 'Content-Type': 'message/sipfrag;version=2.0' }, body: 'SIP/2.0 200 OK\r\n' })
      .catch(() => undefined);
  }

  /** The phone renegotiates (its own hold, a new address): FreeSWITCH answers for its channel. */
  private onReinvite(req: SrfRequest, res: SrfResponse, ep: FsEndpoint): void {
    within(ep.modify(req.body), this.ctx.commandTimeoutMs, 're-INVITE').then(
      (sdp) => res.send(200, { body: sdp, headers: { 'Content-Type': 'application/sdp' } }),
      (err: unknown) => {
        this.log.warn({ err }, 're-INVITE refused');
        res.send(488);
      },
    );
  }

  private async closeEndpoint(ep: FsEndpoint): Promise<void> {
    try {
      if (ep.connected) {
        const destroyed = ep.destroy();
        // fsmrf's destroy queues `hangup` behind whatever runs (a conference, endless hold music);
        // uuid_kill ends the channel now, and destroy() completes on its BYE.
        await api(ep, 'uuid_kill', ep.uuid, this.ctx.commandTimeoutMs).catch(() => undefined);
        await within(destroyed, this.ctx.commandTimeoutMs, 'endpoint destroy');
      }
    } catch (err) {
      this.log.debug({ err }, 'endpoint already gone');
    } finally {
      this.ctx.endpointClosed(ep);
    }
  }

  /** Ends once: stops plays and collects, closes recordings, releases the FreeSWITCH channel. */
  end(cause: HangupCause, side: HangupSide): Promise<void> {
    if (this.ending) return this.ending;
    this.state = 'ended';
    this.ending = (async () => {
      for (const stop of [...this.stops]) stop();
      await Promise.all([...this.closers].map((close) => close().catch((err: unknown) => this.log.warn({ err }, 'recording close failed'))));
      const partner = this.bridgedWith;
      if (partner?.bridgedWith === this) partner.bridgedWith = null;
      this.bridgedWith = null;
      if (this.endpoint) await this.closeEndpoint(this.endpoint);
      this.ctx.forget(this);
      this.log.debug({ cause, side }, 'leg ended');
      this.emit('ended', { cause, side });
    })();
    return this.ending;
  }
}
