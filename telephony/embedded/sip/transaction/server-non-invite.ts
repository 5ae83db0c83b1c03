import type { SipRequest, SipResponse } from '../message';
import { Timer, transactionTimeout } from '../timers';
import type { Flow } from '../transport/types';
import type { ServerTransaction, TransactionHost } from './types';

type State = 'trying' | 'proceeding' | 'completed' | 'terminated';

/** Non-INVITE server transaction (RFC 3261 §17.2.2): Timer J keeps the final for retransmissions. */
export class ServerNonInviteTransaction implements ServerTransaction {
  state: State = 'trying';
  private last: SipResponse | undefined;
  private readonly timerJ = new Timer();

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly flow: Flow,
    private readonly host: TransactionHost,
  ) {}

  get finalSent(): boolean {
    return this.state === 'completed' || this.state === 'terminated';
  }

  respond(res: SipResponse): void {
    if (this.finalSent) return;
    this.last = res;
    this.host.send(res, this.flow).catch(() => this.terminate());
    if (res.status < 200) {
      this.state = 'proceeding';
      return;
    }
    this.state = 'completed';
    const wait = this.host.isReliable(this.flow) ? 0 : transactionTimeout(this.host.timers);
    this.timerJ.start(wait, () => this.terminate());
  }

  receive(_req: SipRequest): void {
    if ((this.state === 'proceeding' || this.state === 'completed') && this.last) {
      this.host.send(this.last, this.flow).catch(() => undefined);
    }
  }

  private terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.stop();
    this.host.terminated(this.key);
  }

  stop(): void {
    this.timerJ.stop();
  }
}
