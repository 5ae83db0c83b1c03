import { describe, expect, it } from 'vitest';
import { Headers } from './headers';
import type { SipMessage, SipRequest, SipResponse } from './message';
import { ClientInviteTransaction } from './transaction/client-invite';
import { ServerNonInviteTransaction } from './transaction/server-non-invite';
import type { TransactionHost } from './transaction/types';
import type { Flow } from './transport/types';

const flow: Flow = { transport: 'udp', address: '10.0.0.2', port: 5060 };

function host(sent: SipMessage[]): TransactionHost {
  return { timers: { t1: 10, t2: 40, t4: 50 }, send: async (m) => void sent.push(m), isReliable: () => false, terminated: () => undefined };
}

function request(method: string): SipRequest {
  const headers = new Headers();
  headers.append('via', 'SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKt1');
  headers.append('from', '<sip:a@x>;tag=1').append('to', '<sip:b@y>').append('call-id', 'c1').append('cseq', `1 ${method}`);
  return { kind: 'request', method, uri: 'sip:b@y', headers, body: '' };
}

function response(req: SipRequest, status: number): SipResponse {
  return { kind: 'response', status, reason: '', headers: req.headers.clone().set('to', '<sip:b@y>;tag=2'), body: '' };
}

describe('transactions', () => {
  it('ignores a late provisional after the final and ACKs each retransmitted non-2xx final', () => {
    const sent: SipMessage[] = [];
    const seen: number[] = [];
    const inv = request('INVITE');
    const tx = new ClientInviteTransaction('k', inv, flow, host(sent), { onResponse: (r) => seen.push(r.status), onFailure: () => seen.push(-1) });
    tx.start();
    tx.receive(response(inv, 180));
    tx.receive(response(inv, 486));
    tx.receive(response(inv, 183));
    tx.receive(response(inv, 486));
    tx.stop();
    expect(seen).toEqual([180, 486]);
    const acks = sent.filter((m) => m.kind === 'request' && m.method === 'ACK');
    expect(acks).toHaveLength(2);
    expect(acks[0]?.headers.get('via')).toBe(inv.headers.get('via'));
  });

  it('resends the final of a non-INVITE server transaction for a retransmitted request', () => {
    const sent: SipMessage[] = [];
    const req = request('OPTIONS');
    const tx = new ServerNonInviteTransaction('k', req, flow, host(sent));
    tx.receive(req);
    expect(sent).toHaveLength(0);
    tx.respond(response(req, 200));
    tx.receive(req);
    tx.respond(response(req, 500));
    tx.stop();
    expect(sent.map((m) => (m.kind === 'response' ? m.status : 0))).toEqual([200, 200]);
  });
});
