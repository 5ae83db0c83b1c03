import type { SipRequest, SipResponse } from '../message';
import { Timer, transactionTimeout } from '../timers';
import type { Flow } from '../transport/types';
import type { ClientTransaction, ClientTransactionUser, TransactionHost } from './types';

type State = 'trying' | 'proceeding' | 'completed' | 'terminated';

/** Non-INVITE client transaction (RFC 3261 §17.1.2): Timers E, F, K. */
export class ClientNonInviteTransaction implements ClientTransaction {
  state: State = 'trying';
  private readonly timerE = new Timer();
  private readonly timerF = new Timer();
  private readonly timerK = new Timer();

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly flow: Flow,
    private readonly host: TransactionHost,
    private readonly user: ClientTransactionUser,
  ) {}

  start(): void {
    const t = this.host.timers;
    this.transmit();
    if (!this.host.isReliable(this.flow)) {
      let interval = t.t1;
      const retransmit = (): void => {
        this.transmit();
        // In Proceeding retransmissions slow straight to T2 (§17.1.2.2).
        interval = this.state === 'proceeding' ? t.t2 : Math.min(interval * 2, t.t2);
        this.timerE.start(interval, retransmit);
      };
      this.timerE.start(interval, retransmit);
    }
    this.timerF.start(transactionTimeout(t), () => this.fail(408));
  }

  private transmit(): void {
    this.host.send(this.request, this.flow).catch(() => this.fail(503));
  }

  private fail(status: 408 | 503): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    this.terminate();
    this.user.onFailure(status);
  }

  receive(res: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    if (res.status < 200) {
      this.state = 'proceeding';
      this.user.onResponse(res);
      return;
    }
    this.state = 'completed';
    this.timerE.stop();
    this.timerF.stop();
    this.user.onResponse(res);
    const wait = this.host.isReliable(this.flow) ? 0 : this.host.timers.t4;
    this.timerK.start(wait, () => this.terminate());
  }

  private terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.stop();
    this.host.terminated(this.key);
  }

  stop(): void {
    this.timerE.stop();
    this.timerF.stop();
    this.timerK.stop();
  }
}
