import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { ValidationError } from '../../../core/errors';
import { RateLimiter } from '../../../core/rate-limit';
import type { Bridge, CallLeg, Conference, EngineEvents, OriginateOptions, OriginateTarget, TelephonyEngine } from '../../engine';
import { MediaClock } from '../media/media-clock';
import { PortPool } from '../media/port-pool';
import { DigestAuthenticator } from '../sip/auth';
import { GuestCallers } from '../sip/guest-callers';
import type { IncomingCall } from '../sip/incoming-call';
import type { SipRequestContext } from '../sip/middleware';
import { Registrar, type Binding } from '../sip/registrar';
import { SipStack } from '../sip/stack';
import { TcpTransport } from '../sip/transport/tcp';
import type { Transport } from '../sip/transport/types';
import { UdpTransport } from '../sip/transport/udp';
import { WsTransport } from '../sip/transport/ws';
import { TrunkManager } from '../sip/trunk';
import { EmbeddedBridge } from './bridge';
import { EmbeddedCallLeg, type LegContext } from './call-leg';
import { EmbeddedConference } from './conference';
import { describeOffer, inboundLeg } from './inbound';
import type { EmbeddedEngineOptions } from './options';
import { originate, type OriginateHost } from './originate';
import { PromptCache } from './play';
import { RtpMediaFactory } from './rtp-media';

/** The default engine: SIP (UDP, TCP, WS) and RTP in this process, on one shared media clock. */
export class EmbeddedEngine extends EventEmitter<EngineEvents> implements TelephonyEngine {
  readonly name = 'embedded' as const;
  readonly stack: SipStack;
  readonly registrar: Registrar;
  readonly trunks: TrunkManager;
  readonly ports: PortPool;
  readonly mediaClock: MediaClock;
  private readonly log: Logger;
  private readonly legs = new Set<EmbeddedCallLeg>();
  private readonly conferences = new Map<string, EmbeddedConference>();
  private readonly rtp: RtpMediaFactory;
  private readonly ctx: LegContext;
  private started = false;
  private readonly authFailures: RateLimiter;

  constructor(private readonly opts: EmbeddedEngineOptions) {
    super();
    this.mediaClock = opts.mediaClock ?? new MediaClock();
    this.log = opts.logger.child({ component: 'embedded-engine' });
    const sip = opts.sip;
    const transports: Transport[] = [new UdpTransport({ host: sip.host, port: sip.port, advertise: sip.advertise })];
    if (!sip.udpOnly) transports.push(new TcpTransport({ host: sip.host, port: sip.port, advertise: sip.advertise }));
    if (sip.websocket) transports.push(new WsTransport({ server: sip.websocket.server, path: sip.websocket.path, advertise: sip.advertise }));
    // Per source address: a message budget (floods are dropped before parsing) and a budget of
    // failed digest checks (REGISTER or INVITE guessing gets 403, then silence).
    const limit = sip.messageLimit === undefined ? { burst: 4000, perSecond: 2000 } : sip.messageLimit;
    this.stack = new SipStack({ transports, timers: sip.timers, userAgent: 'callcentre-embedded', ...(limit ? { rateLimit: new RateLimiter(limit.burst, limit.perSecond, opts.clock) } : {}) });
    this.authFailures = new RateLimiter(10, 0.1, opts.clock);
    this.registrar = new Registrar({ realm: opts.realm, lookup: opts.credentials, clock: opts.clock, failures: this.authFailures });
    this.trunks = new TrunkManager(this.stack, { trunks: opts.trunks ?? [] });
    this.ports = new PortPool({ min: opts.rtp.portMin, max: opts.rtp.portMax });
    const bind = opts.rtp.bindAddress ?? sip.host;
    const address = opts.rtp.mediaAddress ?? (bind === '0.0.0.0' ? (sip.advertise?.host ?? '127.0.0.1') : bind);
    this.rtp = new RtpMediaFactory({ clock: this.mediaClock, ports: this.ports, bindAddress: bind, address, inactivityTimeoutMs: opts.rtp.inactivityTimeoutMs });
    this.ctx = {
      clock: opts.clock,
      mediaClock: this.mediaClock,
      prompts: new PromptCache(opts.mohPath),
      recordingsDir: opts.recordingsDir,
      log: this.log,
      factoryFor: (sdp) => (describeOffer(sdp).webrtc ? opts.webrtc : this.rtp),
      forget: (leg) => this.legs.delete(leg),
    };
  }

  /** Calls (legs) alive now; tests prove nothing leaks with it. */
  get callCount(): number {
    return this.legs.size;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.registrar.attach(this.stack);
    this.stack.use('INVITE', this.trunks.middleware());
    if (this.opts.authenticateInvites !== false) {
      // Phones placing calls authenticate like they register; trunk traffic passes (by address).
      const { credentials, guests } = this.opts;
      const lookup = (user: string, realm: string): Promise<{ ha1: string } | undefined> =>
        guests && GuestCallers.isGuest(user) ? Promise.resolve(guests.lookup(user, realm)) : credentials(user, realm);
      this.stack.use('INVITE', new DigestAuthenticator({ realm: this.opts.realm, lookup, clock: this.opts.clock, proxy: true, failures: this.authFailures }).middleware());
      if (guests) this.stack.use('INVITE', guests.middleware());
    }
    this.registrar.on('register', (b) => this.emit('registered', { extension: b.user, contacts: this.registrar.lookup(b.user).length }));
    const gone = (b: Binding): void => {
      if (this.registrar.lookup(b.user).length === 0) this.emit('unregistered', { extension: b.user });
    };
    this.registrar.on('unregister', gone);
    this.registrar.on('expire', gone);
    this.stack.on('call', (call, req) => this.onCall(call, req));
    await this.stack.start();
    this.trunks.start();
    this.started = true;
    this.emit('health', true);
  }

  /** Where the UDP listener ended up (port 0 in tests). */
  get sipAddress(): { host: string; port: number } {
    const udp = this.stack.endpoint.transport('udp');
    if (!udp) throw new ValidationError('no UDP transport');
    return udp.sentBy();
  }

  private onCall(call: IncomingCall, req: SipRequestContext): void {
    if (!this.started || this.listenerCount('inbound') === 0) {
      call.reject(480);
      return;
    }
    const leg = inboundLeg(this.ctx, call, req);
    this.legs.add(leg);
    this.emit('inbound', leg);
  }

  originate(target: OriginateTarget, options: OriginateOptions): Promise<CallLeg> {
    const { host, port } = this.sipAddress;
    const originateHost: OriginateHost = {
      stack: this.stack,
      registrar: this.registrar,
      trunks: this.trunks,
      rtp: this.rtp,
      webrtc: this.opts.webrtc,
      ctx: this.ctx,
      realm: this.opts.realm,
      localUri: (user) => `sip:${user}@${host}:${port}`,
      track: (leg) => this.legs.add(leg),
    };
    return originate(originateHost, target, options);
  }

  async bridge(a: CallLeg, b: CallLeg): Promise<Bridge> {
    const legA = this.own(a);
    const legB = this.own(b);
    if (legA === legB) throw new ValidationError('cannot bridge a leg to itself');
    return new EmbeddedBridge(this.mediaClock, [legA, legB]);
  }

  async conference(name: string): Promise<Conference> {
    let conf = this.conferences.get(name);
    if (!conf) {
      conf = new EmbeddedConference(name, this.mediaClock, (c) => {
        if (this.conferences.get(c.name) === c) this.conferences.delete(c.name);
      });
      this.conferences.set(name, conf);
    }
    return conf;
  }

  isRegistered(extension: string): boolean {
    return this.registrar.lookup(extension).length > 0;
  }

  async ready(): Promise<boolean> {
    return this.started;
  }

  /** Hangs up every leg (BYE, or 503 before answer), frees every RTP port, closes the sockets. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await Promise.all([...this.legs].map((leg) => leg.hangup('normal_clearing').catch(() => undefined)));
    for (const conf of [...this.conferences.values()]) await conf.destroy();
    this.trunks.stop();
    this.registrar.close();
    await this.stack.stop();
    this.emit('health', false);
  }

  private own(leg: CallLeg): EmbeddedCallLeg {
    if (!(leg instanceof EmbeddedCallLeg) || !this.legs.has(leg)) throw new ValidationError('leg is not a live call of this engine');
    if (leg.state !== 'answered') throw new ValidationError(`cannot bridge a leg in state ${leg.state}`);
    return leg;
  }
}

