import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

// The load: N widget connections and A agents, in their own process (open-file limit). In each
// measurement window every customer sends one message per `intervalMs`; the agent side measures
// customer-to-agent latency (same process, same clock). Prints one JSON line per window.

interface Plan {
  mode: 'webim' | 'bare';
  url: string;
  site: string;
  customers: number;
  agents: Array<{ cookie: string }>;
  intervalMs: number;
  setupTimeoutMs: number;
}

const plan = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as Plan;
const latencies: number[] = [];
let sent = 0;
let acked = 0;
let measuring = false;

const opts = { transports: ['websocket'], reconnection: true, forceNew: true };
const ask = (s: Socket, event: string, payload: unknown) => new Promise<{ ok: boolean }>((ok) => s.timeout(60_000).emit(event, payload, (err: Error | null, r: { ok: boolean }) => ok(err ? { ok: false } : r)));

function onCustomerMessage(body: unknown): void {
  const text = typeof body === 'string' ? body : '';
  if (!text.startsWith('t:')) return;
  if (measuring) latencies.push(performance.now() - Number(text.split(':')[1]));
}

async function connectAgents(): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (const [i, a] of plan.agents.entries()) {
    if (plan.mode === 'bare') {
      const chat = io(`${plan.url}/chat`, { ...opts, auth: { agent: i } });
      chat.on('chat:message', (m: { body: string }) => onCustomerMessage(m.body));
      sockets.push(chat);
      continue;
    }
    const headers = { extraHeaders: { cookie: a.cookie } };
    const feed = io(`${plan.url}/agent`, { ...opts, ...headers });
    const chat = io(`${plan.url}/chat`, { ...opts, ...headers });
    feed.on('offer', (o: { interactionId: string }) => feed.emit('offer:accept', { interactionId: o.interactionId }, () => undefined));
    chat.on('chat:message', (m: { body: string }, ack?: unknown) => {
      if (typeof ack === 'function') ack();
      onCustomerMessage(m.body);
    });
    await new Promise<void>((ok) => feed.once('connect', () => ok()));
    await ask(feed, 'presence:set', { presence: 'available' });
    sockets.push(feed, chat);
  }
  return sockets;
}

async function connectCustomer(i: number): Promise<Socket> {
  const auth = plan.mode === 'bare' ? { pair: i % plan.agents.length } : { site: plan.site };
  const s = io(`${plan.url}/widget`, { ...opts, auth });
  // Like the real widget, acknowledge every message from the start (delivery receipts).
  s.on('message', (_m: unknown, ack?: unknown) => typeof ack === 'function' && ack());
  await new Promise<void>((ok, fail) => {
    s.once('session', () => ok());
    s.once('connect_error', fail);
  });
  if (plan.mode === 'webim') {
    const active = new Promise<void>((ok) => {
      const fn = (c: { state: string }) => {
        if (c.state !== 'active') return;
        s.off('conversation', fn);
        ok();
      };
      s.on('conversation', fn);
    });
    const r = await ask(s, 'chat:start', { fields: {}, locale: 'en' });
    if (!r.ok) throw new Error('chat:start refused');
    await active;
  }
  return s;
}

/** One measurement window: every customer sends once per interval, spread evenly; returns the figures. */
async function measure(customers: Socket[], ms: number): Promise<Record<string, unknown>> {
  latencies.length = 0;
  sent = 0;
  acked = 0;
  measuring = true;
  const t0 = performance.now();
  const timers: NodeJS.Timeout[] = [];
  customers.forEach((s, i) => {
    timers.push(
      setTimeout(() => {
        const tick = () => {
          if (!measuring) return;
          sent++;
          s.timeout(30_000).emit('message:send', { clientId: `c${i}x${sent}x${Math.round(t0)}`, text: `t:${performance.now()}:${i}` }, (err: Error | null) => {
            if (!err) acked++;
          });
        };
        tick();
        timers.push(setInterval(tick, plan.intervalMs));
      }, (i / customers.length) * plan.intervalMs),
    );
  });
  await new Promise((ok) => setTimeout(ok, ms));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  for (const t of timers) clearTimeout(t);
  await new Promise((ok) => setTimeout(ok, 1500)); // let the last acks arrive
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
  return { sent, acked, received: sorted.length, msgsPerSec: Math.round(sorted.length / elapsed), p50Ms: pct(0.5), p99Ms: pct(0.99), connections: customers.filter((c) => c.connected).length };
}

async function main(): Promise<void> {
  const started = performance.now();
  const agents = await connectAgents();
  const customers: Socket[] = [];
  let next = 0;
  const deadline = started + plan.setupTimeoutMs;
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      while (next < plan.customers && performance.now() < deadline) {
        const i = next++;
        try {
          customers.push(await connectCustomer(i));
        } catch {
          /* counted as not held */
        }
      }
    }),
  );
  const setupMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ ready: true, connections: customers.filter((s) => s.connected).length, setupSeconds: Math.round(setupMs / 100) / 10 })}\n`);
  // The parent drives measurement windows over stdin, so two loads can take turns on a noisy machine.
  let buffer = '';
  process.stdin.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line.startsWith('measure ')) void measure(customers, Number(line.slice(8))).then((r) => process.stdout.write(`${JSON.stringify(r)}\n`));
      if (line === 'quit') {
        for (const s of [...customers, ...agents]) s.disconnect();
        process.exit(0);
      }
    }
  });
}

void main();
