import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { ValidationError } from '../../core/errors';
import type { Bridge, CallLeg, Conference, EngineEvents, OriginateOptions, OriginateTarget, TelephonyEngine } from '../engine';
import { DigestAuthenticator } from '../embedded/sip/auth';
import { Registrar, type Binding } from '../embedded/sip/registrar';
import { FsBridge } from './bridge';
import { FsConference } from './conference';
import { loadDrachtio, type DrachtioModules, type FsEndpoint, type FsMediaServer, type Srf, type SrfRequest, type SrfResponse } from './drachtio-types';
import { admit, legInfoOf } from './inbound';
import { FreeswitchCallLeg } from './leg';
import type { FsLegContext } from './leg-context';
import { SupervisedLink } from './link';
import { BUILT_IN_MOH } from './media-strings';
import { connectMediaServer } from './media-server';
import type { FreeswitchEngineOptions } from './options';
import { FsCommandError } from './esl-call';
import { offerToFreeswitch } from './offered-channel';
import { originate } from './originate';
import { registerHandler } from './registration';
import { connectSignalling } from './signalling';

/**
 * The production engine: SIP on drachtio-server (drachtio-srf), media on FreeSWITCH
 * (drachtio-fsmrf, one channel per leg). Both control connections are supervised with backoff;
 * while either is down `ready()` is false, `health` says so, and new callers get 503.
 */
export class FreeswitchEngine extends EventEmitter<EngineEvents> implements TelephonyEngine {
  readonly name = 'freeswitch' as const;
  readonly registrar: Registrar;
  private readonly log: Logger;
  private readonly mods: DrachtioModules;
  private readonly srf: Srf;
  private readonly signalling: SupervisedLink;
  private readonly media: SupervisedLink;
  private readonly legs = new Set<FreeswitchCallLeg>();
  private readonly endpoints = new Set<FsEndpoint>();
  private readonly conferences = new Map<string, FsConference>();
  private readonly inviteAuth: DigestAuthenticator | undefined;
  private readonly ctx: FsLegContext;
  private ms: FsMediaServer | undefined;
  private sweeper: ReturnType<typeof setInterval> | undefined;
  private started = false;
  private healthy = false;

  constructor(private readonly opts: FreeswitchEngineOptions, mods: DrachtioModules = loadDrachtio()) {
    super();
    this.mods = mods;
    this.log = opts.logger.child({ component: 'freeswitch-engine' });
    this.srf = mods.createSrf();
    const timeout = opts.commandTimeoutMs ?? 5000;
    this.registrar = new Registrar({ realm: opts.realm, lookup: opts.credentials, clock: opts.clock });
    this.inviteAuth = opts.authenticateInvites === false ? undefined : new DigestAuthenticator({ realm: opts.realm, lookup: opts.credentials, clock: opts.clock, proxy: true });
    this.signalling = new SupervisedLink('drachtio', () => connectSignalling(this.srf, opts.drachtio, timeout, (r) => this.signalling.lost(r)), opts.clock, this.log, opts.backoff);
    this.media = new SupervisedLink('freeswitch', () => this.openMedia(timeout), opts.clock, this.log, opts.backoff);
    const mediaTimeout = String(Math.max(0, Math.round(opts.rtpTimeoutMs)));
    this.ctx = {
      log: this.log,
      clock: opts.clock,
      srf: this.srf,
      commandTimeoutMs: timeout,
      dirs: [...(opts.prompts ?? []), opts.recordings],
      recordings: opts.recordings,
      moh: opts.moh ?? BUILT_IN_MOH,
      mediaServer: () => (this.media.up ? this.ms : undefined),
      // The dialplan copies these into channel variables before it answers (freeswitch-conf/).
      mediaHeaders: () => ({ 'X-Media-Timeout': mediaTimeout }),
      offerToFreeswitch: (offer) => {
        const ms = this.ctx.mediaServer();
        if (!ms) return Promise.reject(new FsCommandError('media server unavailable'));
        return offerToFreeswitch({ ms, srf: this.srf, createEndpoint: mods.createEndpoint, headers: this.ctx.mediaHeaders(), timeoutMs: timeout }, offer);
      },
      endpointOpened: (ep) => this.endpoints.add(ep),
      endpointClosed: (ep) => this.endpoints.delete(ep),
      forget: (leg) => {
        if (leg instanceof FreeswitchCallLeg) this.legs.delete(leg);
      },
    };
  }

  /** Live legs and FreeSWITCH channels; the contract suite proves both return to 0. */
  get callCount(): number {
    return this.legs.size;
  }

  get channelCount(): number {
    return this.endpoints.size;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.srf.on('error', (err: unknown) => this.log.debug({ err }, 'drachtio socket error'));
    this.srf.invite((req, res) => void this.onInvite(req, res));
    this.srf.register(registerHandler(this.registrar, this.log));
    this.srf.options((_req, res) => res.send(200));
    this.registrar.on('register', (b) => this.emit('registered', { extension: b.user, contacts: this.registrar.lookup(b.user).length }));
    const gone = (b: Binding): void => {
      if (this.registrar.lookup(b.user).length === 0) this.emit('unregistered', { extension: b.user });
    };
    this.registrar.on('unregister', gone);
    this.registrar.on('expire', gone);
    this.sweeper = setInterval(() => this.registrar.sweep(), 1000);
    this.sweeper.unref();
    this.signalling.on('health', () => this.reportHealth());
    this.media.on('health', () => this.reportHealth());
    // Drachtio first, so fsmrf's INVITEs to FreeSWITCH have a way out when media comes up.
    const first = Promise.all([once(this.signalling), once(this.media)]);
    this.signalling.start();
    this.media.start();
    // Start-up waits a little for both, then carries on degraded: the links keep trying.
    await Promise.race([first, new Promise((r) => setTimeout(r, 5000).unref())]);
  }

  isRegistered(extension: string): boolean {
    return this.registrar.lookup(extension).length > 0;
  }

  async ready(): Promise<boolean> {
    return this.started && this.signalling.up && this.media.up;
  }

  originate(target: OriginateTarget, options: OriginateOptions): Promise<CallLeg> {
    return originate({ ctx: this.ctx, registrar: this.registrar, trunks: this.opts.trunks ?? [], realm: this.opts.realm, track: (l) => this.legs.add(l) }, target, options);
  }

  async bridge(a: CallLeg, b: CallLeg): Promise<Bridge> {
    const legA = this.own(a);
    const legB = this.own(b);
    if (legA === legB) throw new ValidationError('cannot bridge a leg to itself');
    return FsBridge.create(legA, legB);
  }

  async conference(name: string): Promise<Conference> {
    if (!/^[\w.-]{1,64}$/.test(name)) throw new ValidationError('conference names are letters, digits, . _ -');
    let conf = this.conferences.get(name);
    if (!conf) {
      conf = new FsConference(name, this.opts.conferenceProfile ?? 'cc-monitor', (c) => {
        if (this.conferences.get(c.name) === c) this.conferences.delete(c.name);
      });
      this.conferences.set(name, conf);
    }
    return conf;
  }

  /** Hangs up every leg, then closes both control connections. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await Promise.all([...this.legs].map((leg) => leg.hangup('normal_clearing').catch(() => undefined)));
    for (const conf of [...this.conferences.values()]) await conf.destroy();
    if (this.sweeper) clearInterval(this.sweeper);
    this.registrar.close();
    this.signalling.stop();
    this.media.stop();
    try {
      this.ms?.disconnect();
    } catch {
      // Already gone.
    }
    this.ms = undefined;
    try {
      this.srf.disconnect();
    } catch {
      // Not connected.
    }
    this.reportHealth();
  }

  private async openMedia(timeoutMs: number): Promise<void> {
    const ms = await connectMediaServer(this.mods, this.srf, this.opts.freeswitch, timeoutMs, (reason) => {
      if (this.ms === ms) this.ms = undefined;
      this.media.lost(reason);
    });
    this.ms = ms;
  }

  private reportHealth(): void {
    const now = this.started && this.signalling.up && this.media.up;
    if (now === this.healthy) return;
    this.healthy = now;
    this.log.info({ drachtio: this.signalling.up, freeswitch: this.media.up }, now ? 'engine ready' : 'engine degraded');
    this.emit('health', now);
  }

  private async onInvite(req: SrfRequest, res: SrfResponse): Promise<void> {
    try {
      if (!this.started || !this.media.up || !this.ms) {
        // Media is down: refuse cleanly so the trunk can fail over, rather than answer into silence.
        res.send(503, { headers: { 'Retry-After': '5' } });
        return;
      }
      const admission = await admit(req, res, this.opts.trunks ?? [], this.inviteAuth);
      if (!admission.ok) return;
      if (this.listenerCount('inbound') === 0) {
        res.send(480);
        return;
      }
      const leg = new FreeswitchCallLeg(this.ctx, legInfoOf(req, admission.message, admission.trunkId), { req, res });
      this.legs.add(leg);
      this.emit('inbound', leg);
    } catch (err) {
      this.log.warn({ err }, 'INVITE handling failed');
      if (!res.finalResponseSent) res.send(500);
    }
  }

  private own(leg: CallLeg): FreeswitchCallLeg {
    if (!(leg instanceof FreeswitchCallLeg) || !this.legs.has(leg)) throw new ValidationError('leg is not a live call of this engine');
    if (leg.state !== 'answered') throw new ValidationError(`cannot bridge a leg in state ${leg.state}`);
    return leg;
  }
}

function once(link: SupervisedLink): Promise<void> {
  return new Promise((resolve) => {
    if (link.up) return resolve();
    const on = (up: boolean): void => {
      if (!up) return;
      link.off('health', on);
      resolve();
    };
    link.on('health', on);
  });
}
