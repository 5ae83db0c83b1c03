import { z } from 'zod';

/**
 * An IVR flow is data: a start node and a list of nodes that name their successors.
 * Validated here (shape and references) before it is saved or run.
 */
const nodeId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - (1–40)');
const digit = z.string().regex(/^[0-9*#]$/);

/** Shipped in telephony/prompts/<locale>/<name>.wav (made by scripts/make-prompts.sh). */
export const builtinPromptNames = [
  'welcome', 'menu', 'invalid', 'timeout', 'closed', 'position_prefix', 'position_suffix', 'wait_prefix', 'minutes',
  'voicemail', 'goodbye', 'callback_offer', 'callback_confirm', 'transfer', 'please_hold', 'your_number_is',
  'recording_notice', 'agent_connect',
] as const;

export const promptSchema = z.discriminatedUnion('kind', [
  /** A prompt shipped with the product, in the flow's language. */
  z.object({ kind: z.literal('builtin'), name: z.enum(builtinPromptNames) }),
  /** A WAV the admin uploaded. */
  z.object({ kind: z.literal('upload'), file: z.string().regex(/^[A-Za-z0-9_.-]{1,100}\.wav$/) }),
  /** Digits read one by one ("1 3 8…"), from a literal or a variable (`{caller}`, `{account}`). */
  z.object({ kind: z.literal('digits'), value: z.string().max(40) }),
  /** A whole number read as a number ("一百二十三" / "one hundred twenty-three"). */
  z.object({ kind: z.literal('number'), value: z.string().max(40) }),
  z.object({ kind: z.literal('silence'), ms: z.number().int().min(10).max(10_000) }),
]);
export type Prompt = z.infer<typeof promptSchema>;

const prompts = z.array(promptSchema).max(20);

export const conditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('business_hours'), hoursName: z.string().min(1), open: z.boolean() }),
  z.object({ kind: z.literal('holiday'), hoursName: z.string().min(1) }),
  /** Caller number starts with one of these prefixes. */
  z.object({ kind: z.literal('caller'), prefixes: z.array(z.string().regex(/^\+?[0-9]{1,15}$/)).min(1) }),
  z.object({ kind: z.literal('variable'), name: z.string().min(1).max(40), op: z.enum(['eq', 'ne', 'gt', 'lt', 'empty', 'not_empty']), value: z.string().max(200).default('') }),
]);
export type Condition = z.infer<typeof conditionSchema>;

const base = { id: nodeId, label: z.string().max(80).optional() };

export const nodeSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('play'), prompts, next: nodeId }),
  z.object({
    ...base,
    type: z.literal('menu'),
    prompts,
    options: z.record(digit, nodeId).refine((o) => Object.keys(o).length > 0, 'at least one option'),
    invalidPrompts: prompts.default([{ kind: 'builtin', name: 'invalid' }]),
    timeoutPrompts: prompts.default([{ kind: 'builtin', name: 'timeout' }]),
    timeoutMs: z.number().int().min(1000).max(30_000).default(5000),
    retries: z.number().int().min(0).max(5).default(2),
    /** Where to go when the retries are used up. */
    onFail: nodeId,
  }),
  z.object({
    ...base,
    type: z.literal('collect'),
    prompts,
    variable: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    minDigits: z.number().int().min(1).max(30).default(1),
    maxDigits: z.number().int().min(1).max(30).default(10),
    terminators: z.string().regex(/^[*#]*$/).default('#'),
    timeoutMs: z.number().int().min(1000).max(60_000).default(8000),
    next: nodeId,
    onFail: nodeId,
  }),
  z.object({ ...base, type: z.literal('condition'), rules: z.array(z.object({ when: conditionSchema, next: nodeId })).min(1).max(20), otherwise: nodeId }),
  z.object({
    ...base,
    type: z.literal('http'),
    url: z.url().refine((u) => /^https?:/.test(u), 'http(s) only'),
    timeoutMs: z.number().int().min(100).max(10_000).default(3000),
    /** Fields of the JSON answer copied into variables (`{"vip": true}` -> variable vip = "true"). */
    saveFields: z.array(z.string().regex(/^[A-Za-z0-9_]{1,40}$/)).max(20).default([]),
    next: nodeId,
    /** Timeout, network error or a non-2xx answer: the caller never waits on a broken lookup. */
    onError: nodeId,
  }),
  z.object({
    ...base,
    type: z.literal('set'),
    skills: z.record(z.string(), z.number().int().min(1).max(10)).optional(),
    priority: z.number().int().min(-10).max(100).optional(),
    variables: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), z.string().max(200)).optional(),
    next: nodeId,
  }),
  z.object({ ...base, type: z.literal('queue'), queueName: z.string().min(1).max(64) }),
  z.object({ ...base, type: z.literal('transfer'), target: z.object({ kind: z.enum(['extension', 'number']), value: z.string().regex(/^\+?[0-9*#]{1,32}$/) }) }),
  z.object({ ...base, type: z.literal('voicemail'), queueName: z.string().min(1).max(64).optional(), maxSeconds: z.number().int().min(5).max(600).default(120) }),
  z.object({ ...base, type: z.literal('hangup'), prompts: prompts.default([{ kind: 'builtin', name: 'goodbye' }]) }),
]);
export type FlowNode = z.infer<typeof nodeSchema>;
export type NodeOf<T extends FlowNode['type']> = Extract<FlowNode, { type: T }>;

export const flowSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    start: nodeId,
    nodes: z.array(nodeSchema).min(1).max(200),
  })
  .superRefine((flow, ctx) => {
    const ids = new Set<string>();
    flow.nodes.forEach((n, i) => {
      if (ids.has(n.id)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'id'], message: `duplicate node id ${n.id}` });
      ids.add(n.id);
    });
    if (!ids.has(flow.start)) ctx.addIssue({ code: 'custom', path: ['start'], message: `no node ${flow.start}` });
    flow.nodes.forEach((n, i) => {
      for (const [path, target] of successors(n)) {
        if (!ids.has(target)) ctx.addIssue({ code: 'custom', path: ['nodes', i, ...path], message: `no node ${target}` });
      }
    });
  });
export type Flow = z.output<typeof flowSchema>;
export type FlowInput = z.input<typeof flowSchema>;

/** Every node id a node can go to, with where in the node it is named (for error paths). */
export function successors(n: FlowNode): Array<[Array<string | number>, string]> {
  switch (n.type) {
    case 'play':
    case 'set':
      return [[['next'], n.next]];
    case 'menu':
      return [...Object.entries(n.options).map(([d, t]): [Array<string | number>, string] => [['options', d], t]), [['onFail'], n.onFail]];
    case 'collect':
      return [[['next'], n.next], [['onFail'], n.onFail]];
    case 'http':
      return [[['next'], n.next], [['onError'], n.onError]];
    case 'condition':
      return [...n.rules.map((r, i): [Array<string | number>, string] => [['rules', i, 'next'], r.next]), [['otherwise'], n.otherwise]];
    case 'queue':
    case 'transfer':
    case 'voicemail':
    case 'hangup':
      return [];
  }
}
