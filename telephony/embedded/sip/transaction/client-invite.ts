import { Headers } from '../headers';
import type { SipRequest, SipResponse } from '../message';
import { Timer, transactionTimeout } from '../timers';
import type { Flow } from '../transport/types';
import type { ClientTransaction, ClientTransactionUser, TransactionHost } from './types';

type State = 'calling' | 'proceeding' | 'completed' | 'accepted' | 'terminated';

/**
 * INVITE client transaction (RFC 3261 §17.1.1 with RFC 6026's Accepted state, so that 2xx
 * retransmissions still reach the dialog, which re-sends its ACK).
 */
export class ClientInviteTransaction implements ClientTransaction {
  state: State = 'calling';
  private readonly timerA = new Timer();
  private readonly timerB = new Timer();
  private readonly timerD = new Timer();
  private ack: SipRequest | undefined;

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
        interval *= 2;
        this.timerA.start(interval, retransmit);
      };
      this.timerA.start(interval, retransmit);
    }
    this.timerB.start(transactionTimeout(t), () => this.fail(408));
  }

  private transmit(): void {
    this.host.send(this.request, this.flow).catch(() => this.fail(503));
  }

  private fail(status: 408 | 503): void {
    if (this.state !== 'calling' && this.state !== 'proceeding') return;
    this.terminate();
    this.user.onFailure(status);
  }

  receive(res: SipResponse): void {
    const { status } = res;
    switch (this.state) {
      case 'calling':
      case 'proceeding':
        if (status < 200) {
          this.state = 'proceeding';
          this.timerA.stop();
          this.timerB.stop();
          this.user.onResponse(res);
        } else if (status < 300) {
          this.accept();
          this.user.onResponse(res);
        } else {
          this.complete(res);
          this.user.onResponse(res);
        }
        return;
      case 'completed':
        // A retransmitted final means our ACK was lost.
        if (status >= 300 && this.ack) this.host.send(this.ack, this.flow).catch(() => undefined);
        return;
      case 'accepted':
        if (status >= 200 && status < 300) this.user.onResponse(res);
        return;
      default:
        // Late provisionals after a final (and anything after termination) are ignored.
        return;
    }
  }

  private accept(): void {
    this.state = 'accepted';
    this.timerA.stop();
    this.timerB.stop();
    this.timerD.start(transactionTimeout(this.host.timers), () => this.terminate());
  }

  private complete(res: SipResponse): void {
    this.state = 'completed';
    this.timerA.stop();
    this.timerB.stop();
    this.ack = buildNon2xxAck(this.request, res);
    this.host.send(this.ack, this.flow).catch(() => undefined);
    const wait = this.host.isReliable(this.flow) ? 0 : transactionTimeout(this.host.timers);
    this.timerD.start(wait, () => this.terminate());
  }

  private terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.stop();
    this.host.terminated(this.key);
  }

  stop(): void {
    this.timerA.stop();
    this.timerB.stop();
    this.timerD.stop();
  }
}

/** ACK for a non-2xx final is part of the INVITE transaction: same branch (RFC 3261 §17.1.1.3). */
export function buildNon2xxAck(invite: SipRequest, res: SipResponse): SipRequest {
  const headers = new Headers();
  const via = invite.headers.get('via');
  if (via !== undefined) headers.append('via', via);
  for (const route of invite.headers.getAll('route')) headers.append('route', route);
  headers.append('max-forwards', '70');
  headers.append('from', invite.headers.get('from') ?? '');
  headers.append('to', res.headers.get('to') ?? invite.headers.get('to') ?? '');
  headers.append('call-id', invite.headers.get('call-id') ?? '');
  const seq = (invite.headers.get('cseq') ?? '').split(/\s+/)[0] ?? '1';
  headers.append('cseq', `${seq} ACK`);
  return { kind: 'request', method: 'ACK', uri: invite.uri, headers, body: '' };
}
