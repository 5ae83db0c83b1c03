import { createResponse, type SipRequest, type SipResponse } from '../message';
import { Timer, transactionTimeout } from '../timers';
import type { Flow } from '../transport/types';
import type { ServerTransaction, ServerTransactionUser, TransactionHost } from './types';

type State = 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

/**
 * INVITE server transaction (RFC 3261 §17.2.1, RFC 6026 Accepted). It answers 100 Trying at
 * once, absorbs retransmitted INVITEs by resending the last response, retransmits a non-2xx
 * final (Timer G) until the ACK (Timer H gives up, Timer I soaks up ACK copies).
 * 2xx retransmission belongs to the dialog (§13.3.1.4), not here.
 */
export class ServerInviteTransaction implements ServerTransaction {
  state: State = 'proceeding';
  private last: SipResponse | undefined;
  private readonly timerG = new Timer();
  private readonly timerH = new Timer();
  private readonly timerI = new Timer();
  private readonly timerL = new Timer();

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly flow: Flow,
    private readonly host: TransactionHost,
    private readonly user: ServerTransactionUser = {},
  ) {}

  get finalSent(): boolean {
    return this.state !== 'proceeding';
  }

  start(): void {
    this.respond(createResponse(this.request, 100));
  }

  respond(res: SipResponse): void {
    if (this.state !== 'proceeding') return;
    this.last = res;
    this.transmit(res);
    if (res.status < 200) return;
    const t = this.host.timers;
    if (res.status < 300) {
      this.state = 'accepted';
      this.timerL.start(transactionTimeout(t), () => this.terminate());
      return;
    }
    this.state = 'completed';
    if (!this.host.isReliable(this.flow)) {
      let interval = t.t1;
      const retransmit = (): void => {
        this.transmit(res);
        interval = Math.min(interval * 2, t.t2);
        this.timerG.start(interval, retransmit);
      };
      this.timerG.start(interval, retransmit);
    }
    this.timerH.start(transactionTimeout(t), () => {
      this.terminate();
      this.user.onFailure?.();
    });
  }

  receive(req: SipRequest): void {
    if (req.method === 'ACK') {
      if (this.state !== 'completed') return;
      this.state = 'confirmed';
      this.timerG.stop();
      this.timerH.stop();
      const wait = this.host.isReliable(this.flow) ? 0 : this.host.timers.t4;
      this.timerI.start(wait, () => this.terminate());
      return;
    }
    // A retransmitted INVITE: repeat what we last said, except once accepted (the dialog owns 2xx).
    if ((this.state === 'proceeding' || this.state === 'completed') && this.last) this.transmit(this.last);
  }

  private transmit(res: SipResponse): void {
    this.host.send(res, this.flow).catch(() => {
      this.terminate();
      this.user.onFailure?.();
    });
  }

  private terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.stop();
    this.host.terminated(this.key);
  }

  stop(): void {
    this.timerG.stop();
    this.timerH.stop();
    this.timerI.stop();
    this.timerL.stop();
  }
}
