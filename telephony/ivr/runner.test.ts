import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { businessHoursSchema } from '../../core/calendar/business-hours';
import { ManualClock } from '../../core/clock';
import { testLog } from '../../test/support/log';
import { flowSchema, type FlowInput } from './flow';
import type { FlowContext } from './context';
import { fetchLookup } from './nodes/logic-nodes';
import { PromptLibrary } from './prompts';
import { runFlow } from './runner';
import { SimulatedLeg, type CallerAction } from './simulated-leg';

const office = businessHoursSchema.parse({ name: 'office', timezone: 'Asia/Shanghai', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '18:00' })) });
const prompts = new PromptLibrary('/prompts', '/uploads');

const mainFlow: FlowInput = {
  name: 'main',
  locale: 'zh-CN',
  start: 'hours',
  nodes: [
    { id: 'hours', type: 'condition', rules: [{ when: { kind: 'business_hours', hoursName: 'office', open: false }, next: 'closed' }], otherwise: 'vip' },
    { id: 'vip', type: 'condition', rules: [{ when: { kind: 'caller', prefixes: ['+86138'] }, next: 'set_vip' }], otherwise: 'welcome' },
    { id: 'set_vip', type: 'set', priority: 5, next: 'welcome' },
    { id: 'welcome', type: 'play', prompts: [{ kind: 'builtin', name: 'welcome' }], next: 'menu' },
    { id: 'menu', type: 'menu', prompts: [{ kind: 'builtin', name: 'menu' }], options: { '1': 'sales', '2': 'account', '9': 'vm' }, retries: 2, onFail: 'bye' },
    { id: 'sales', type: 'set', skills: { sales: 3 }, next: 'to_sales' },
    { id: 'to_sales', type: 'queue', queueName: 'sales' },
    { id: 'account', type: 'collect', prompts: [{ kind: 'builtin', name: 'your_number_is' }], variable: 'account', minDigits: 4, maxDigits: 8, next: 'readback', onFail: 'bye' },
    { id: 'readback', type: 'play', prompts: [{ kind: 'digits', value: '{account}' }], next: 'to_support' },
    { id: 'to_support', type: 'queue', queueName: 'support' },
    { id: 'vm', type: 'voicemail', queueName: 'support', maxSeconds: 60 },
    { id: 'closed', type: 'hangup', prompts: [{ kind: 'builtin', name: 'closed' }] },
    { id: 'bye', type: 'hangup' },
  ],
};

function context(script: CallerAction[], opts: { caller?: string; at?: string; flow?: FlowInput; http?: FlowContext['http'] } = {}) {
  const leg = new SimulatedLeg(opts.caller ?? '+8613900000000', '4008001234', script);
  const ctx: FlowContext = {
    flow: flowSchema.parse(opts.flow ?? mainFlow),
    leg,
    caller: leg.info.from.user,
    called: leg.info.to.user,
    variables: {},
    skills: {},
    priority: 0,
    path: [],
    prompts,
    businessHours: (name) => (name === 'office' ? office : undefined),
    http: opts.http ?? fetchLookup,
    clock: new ManualClock(Date.parse(opts.at ?? '2026-11-25T02:00:00Z')), // Wednesday 10:00 Beijing
    log: testLog,
  };
  return { ctx, leg };
}

describe('IVR flow validation', () => {
  it('refuses a flow whose nodes point at nodes that do not exist, naming where', () => {
    const result = flowSchema.safeParse({ name: 'bad', start: 'a', nodes: [{ id: 'a', type: 'play', prompts: [], next: 'nowhere' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['nodes', 0, 'next'], message: 'no node nowhere' });
    expect(flowSchema.safeParse({ ...mainFlow, start: 'missing' }).success).toBe(false);
    expect(flowSchema.safeParse({ ...mainFlow, nodes: [...mainFlow.nodes, mainFlow.nodes[0]] }).success).toBe(false);
  });
});

describe('IVR flow runner', () => {
  it('routes 1 to the sales queue with the sales skill, recording the path and digits', async () => {
    const { ctx, leg } = context([{ press: '1' }]);
    expect(await runFlow(ctx)).toEqual({ kind: 'queue', queueName: 'sales' });
    expect(ctx.skills).toEqual({ sales: 3 });
    expect(ctx.path.map((p) => p.node)).toEqual(['hours', 'vip', 'welcome', 'menu', 'sales', 'to_sales']);
    expect(ctx.path.find((p) => p.node === 'menu')?.digits).toBe('1');
    expect(leg.heard).toEqual(['zh-CN/welcome.wav', 'zh-CN/menu.wav']);
  });

  it('replays the menu after an invalid key and after silence, then gives up after the retries', async () => {
    const { ctx, leg } = context([{ press: '7' }, { silence: true }, { press: '5' }]);
    expect(await runFlow(ctx)).toEqual({ kind: 'hangup' });
    expect(leg.heard).toEqual(['zh-CN/welcome.wav', 'zh-CN/menu.wav', 'zh-CN/invalid.wav', 'zh-CN/menu.wav', 'zh-CN/timeout.wav', 'zh-CN/menu.wav', 'zh-CN/invalid.wav', 'zh-CN/goodbye.wav']);
  });

  it('collects digits into a variable and reads them back from fragments', async () => {
    const { ctx, leg } = context([{ press: '2' }, { press: '4821#' }]);
    expect(await runFlow(ctx)).toEqual({ kind: 'queue', queueName: 'support' });
    expect(ctx.variables.account).toBe('4821');
    expect(leg.heard.slice(-4)).toEqual(['zh-CN/d4.wav', 'zh-CN/d8.wav', 'zh-CN/d2.wav', 'zh-CN/d1.wav']);
  });

  it('raises priority for callers matching a prefix, and closes outside business hours', async () => {
    const vip = context([{ press: '1' }], { caller: '+8613812345678' });
    await runFlow(vip.ctx);
    expect(vip.ctx.priority).toBe(5);
    const night = context([], { at: '2026-11-25T13:00:00Z' }); // 21:00 Beijing
    expect(await runFlow(night.ctx)).toEqual({ kind: 'hangup' });
    expect(night.leg.heard).toEqual(['zh-CN/closed.wav']);
  });

  it('reports a caller who hangs up mid-menu', async () => {
    const { ctx } = context([{ hangup: true }]);
    expect(await runFlow(ctx)).toEqual({ kind: 'caller_hangup' });
  });

  it('branches on a real HTTP lookup and takes the error branch when it is slow or fails', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 1000);
      if (req.url === '/broken') return void res.writeHead(500).end();
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const caller = (JSON.parse(body) as { caller: string }).caller;
        res.setHeader('content-type', 'application/json').end(JSON.stringify({ tier: caller.endsWith('0') ? 'gold' : 'basic', ignored: 1 }));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    const port = (server.address() as { port: number }).port;
    const flow = (path: string): FlowInput => ({
      name: 'lookup',
      start: 'crm',
      nodes: [
        { id: 'crm', type: 'http', url: `http://127.0.0.1:${port}${path}`, timeoutMs: 200, saveFields: ['tier'], next: 'tier', onError: 'fallback' },
        { id: 'tier', type: 'condition', rules: [{ when: { kind: 'variable', name: 'tier', op: 'eq', value: 'gold' }, next: 'gold' }], otherwise: 'fallback' },
        { id: 'gold', type: 'queue', queueName: 'vip' },
        { id: 'fallback', type: 'queue', queueName: 'support' },
      ],
    });
    try {
      const ok = context([], { flow: flow('/lookup') });
      expect(await runFlow(ok.ctx)).toEqual({ kind: 'queue', queueName: 'vip' });
      expect(ok.ctx.variables).toEqual({ tier: 'gold' });
      expect(await runFlow(context([], { flow: flow('/slow') }).ctx)).toEqual({ kind: 'queue', queueName: 'support' });
      expect(await runFlow(context([], { flow: flow('/broken') }).ctx)).toEqual({ kind: 'queue', queueName: 'support' });
    } finally {
      server.close();
    }
  });

  it('stops a flow that loops without waiting on the caller', async () => {
    const loop: FlowInput = { name: 'loop', start: 'a', nodes: [{ id: 'a', type: 'set', next: 'b' }, { id: 'b', type: 'set', next: 'a' }] };
    expect(await runFlow(context([], { flow: loop }).ctx)).toEqual({ kind: 'hangup' });
  });
});
