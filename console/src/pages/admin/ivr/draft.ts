import type { MessageKey, MessageParams } from '../../../i18n';
import type { Condition, Flow, FlowLocale, FlowNode, NodeType, Prompt, TransferTarget } from '../../../ivr';

/**
 * The flow as the editor holds it: maps (menu options, skills, variables) become rows so a
 * half-edited key survives, and every node carries a stable `key` for rendering while its id changes.
 */
export type DraftNode = { key: number; id: string; label: string } & (
  | { type: 'play'; prompts: Prompt[]; next: string }
  | { type: 'menu'; prompts: Prompt[]; options: Array<{ digit: string; target: string }>; invalidPrompts: Prompt[]; timeoutPrompts: Prompt[]; timeoutMs: number; retries: number; onFail: string }
  | { type: 'collect'; prompts: Prompt[]; variable: string; minDigits: number; maxDigits: number; terminators: string; timeoutMs: number; next: string; onFail: string }
  | { type: 'condition'; rules: Array<{ when: Condition; next: string }>; otherwise: string }
  | { type: 'http'; url: string; timeoutMs: number; saveFields: string; next: string; onError: string }
  | { type: 'set'; skills: Array<{ name: string; level: number }>; priority: string; variables: Array<{ name: string; value: string }>; next: string }
  | { type: 'queue'; queueName: string }
  | { type: 'transfer'; target: TransferTarget }
  | { type: 'voicemail'; queueName: string; maxSeconds: number }
  | { type: 'hangup'; prompts: Prompt[] }
);
export type DraftOf<T extends NodeType> = Extract<DraftNode, { type: T }>;

export interface Draft {
  name: string;
  locale: FlowLocale;
  start: string;
  nodes: DraftNode[];
}

let keys = 0;
const nextKey = () => ++keys;

const builtin = (name: Extract<Prompt, { kind: 'builtin' }>['name']): Prompt => ({ kind: 'builtin', name });

/** A fresh node of a type, with the server's defaults filled in. */
export function newNode(type: NodeType, id: string, ctx: { queueName?: string; hoursName?: string } = {}): DraftNode {
  const base = { key: nextKey(), id, label: '' };
  switch (type) {
    case 'play':
      return { ...base, type, prompts: [builtin('welcome')], next: '' };
    case 'menu':
      return { ...base, type, prompts: [builtin('menu')], options: [{ digit: '1', target: '' }], invalidPrompts: [builtin('invalid')], timeoutPrompts: [builtin('timeout')], timeoutMs: 5000, retries: 2, onFail: '' };
    case 'collect':
      return { ...base, type, prompts: [], variable: 'account', minDigits: 1, maxDigits: 10, terminators: '#', timeoutMs: 8000, next: '', onFail: '' };
    case 'condition':
      return { ...base, type, rules: [{ when: { kind: 'business_hours', hoursName: ctx.hoursName ?? '', open: false }, next: '' }], otherwise: '' };
    case 'http':
      return { ...base, type, url: 'https://', timeoutMs: 3000, saveFields: '', next: '', onError: '' };
    case 'set':
      return { ...base, type, skills: [], priority: '', variables: [], next: '' };
    case 'queue':
      return { ...base, type, queueName: ctx.queueName ?? '' };
    case 'transfer':
      return { ...base, type, target: { kind: 'extension', value: '' } };
    case 'voicemail':
      return { ...base, type, queueName: '', maxSeconds: 120 };
    case 'hangup':
      return { ...base, type, prompts: [builtin('goodbye')] };
  }
}

export function newDraft(): Draft {
  return { name: '', locale: 'zh-CN', start: 'welcome', nodes: [newNode('play', 'welcome')] };
}

/** A node id not used yet: `menu_2`, `menu_3`, … */
export function freeId(draft: Draft, type: NodeType): string {
  const used = new Set(draft.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!used.has(`${type}_${i}`)) return `${type}_${i}`;
}

function draftOf(n: FlowNode): DraftNode {
  const base = { key: nextKey(), id: n.id, label: n.label ?? '' };
  switch (n.type) {
    case 'play':
      return { ...base, type: n.type, prompts: n.prompts, next: n.next };
    case 'menu':
      return {
        ...base,
        type: n.type,
        prompts: n.prompts,
        options: Object.entries(n.options).map(([digit, target]) => ({ digit, target })),
        invalidPrompts: n.invalidPrompts ?? [builtin('invalid')],
        timeoutPrompts: n.timeoutPrompts ?? [builtin('timeout')],
        timeoutMs: n.timeoutMs ?? 5000,
        retries: n.retries ?? 2,
        onFail: n.onFail,
      };
    case 'collect':
      return { ...base, type: n.type, prompts: n.prompts, variable: n.variable, minDigits: n.minDigits ?? 1, maxDigits: n.maxDigits ?? 10, terminators: n.terminators ?? '#', timeoutMs: n.timeoutMs ?? 8000, next: n.next, onFail: n.onFail };
    case 'condition':
      return { ...base, type: n.type, rules: n.rules, otherwise: n.otherwise };
    case 'http':
      return { ...base, type: n.type, url: n.url, timeoutMs: n.timeoutMs ?? 3000, saveFields: (n.saveFields ?? []).join(', '), next: n.next, onError: n.onError };
    case 'set':
      return {
        ...base,
        type: n.type,
        skills: Object.entries(n.skills ?? {}).map(([name, level]) => ({ name, level })),
        priority: n.priority === undefined ? '' : String(n.priority),
        variables: Object.entries(n.variables ?? {}).map(([name, value]) => ({ name, value })),
        next: n.next,
      };
    case 'queue':
      return { ...base, type: n.type, queueName: n.queueName };
    case 'transfer':
      return { ...base, type: n.type, target: n.target };
    case 'voicemail':
      return { ...base, type: n.type, queueName: n.queueName ?? '', maxSeconds: n.maxSeconds ?? 120 };
    case 'hangup':
      return { ...base, type: n.type, prompts: n.prompts ?? [] };
  }
}

export function fromFlow(flow: Flow): Draft {
  return { name: flow.name, locale: flow.locale, start: flow.start, nodes: flow.nodes.map(draftOf) };
}

function nodeOf(d: DraftNode): FlowNode {
  const base = { id: d.id.trim(), ...(d.label.trim() ? { label: d.label.trim() } : {}) };
  switch (d.type) {
    case 'play':
      return { ...base, type: d.type, prompts: d.prompts, next: d.next };
    case 'menu':
      return { ...base, type: d.type, prompts: d.prompts, options: Object.fromEntries(d.options.map((o) => [o.digit, o.target])), invalidPrompts: d.invalidPrompts, timeoutPrompts: d.timeoutPrompts, timeoutMs: d.timeoutMs, retries: d.retries, onFail: d.onFail };
    case 'collect':
      return { ...base, type: d.type, prompts: d.prompts, variable: d.variable, minDigits: d.minDigits, maxDigits: d.maxDigits, terminators: d.terminators, timeoutMs: d.timeoutMs, next: d.next, onFail: d.onFail };
    case 'condition':
      return { ...base, type: d.type, rules: d.rules, otherwise: d.otherwise };
    case 'http':
      return { ...base, type: d.type, url: d.url.trim(), timeoutMs: d.timeoutMs, saveFields: d.saveFields.split(/[\s,]+/).filter(Boolean), next: d.next, onError: d.onError };
    case 'set':
      return {
        ...base,
        type: d.type,
        ...(d.skills.length ? { skills: Object.fromEntries(d.skills.map((s) => [s.name, s.level])) } : {}),
        ...(d.priority.trim() ? { priority: Number(d.priority) } : {}),
        ...(d.variables.length ? { variables: Object.fromEntries(d.variables.map((v) => [v.name, v.value])) } : {}),
        next: d.next,
      };
    case 'queue':
      return { ...base, type: d.type, queueName: d.queueName };
    case 'transfer':
      return { ...base, type: d.type, target: { kind: d.target.kind, value: d.target.value.trim() } };
    case 'voicemail':
      return { ...base, type: d.type, maxSeconds: d.maxSeconds, ...(d.queueName ? { queueName: d.queueName } : {}) };
    case 'hangup':
      return { ...base, type: d.type, prompts: d.prompts };
  }
}

export function toFlow(draft: Draft): Flow {
  return { name: draft.name.trim(), locale: draft.locale, start: draft.start, nodes: draft.nodes.map(nodeOf) };
}

/** Every node a node can go to, with the error path the server would use (mirrors successors()). */
export function references(n: DraftNode): Array<[string, string]> {
  switch (n.type) {
    case 'play':
    case 'set':
      return [['next', n.next]];
    case 'menu':
      return [...n.options.map((o): [string, string] => [`options.${o.digit}`, o.target]), ['onFail', n.onFail]];
    case 'collect':
      return [['next', n.next], ['onFail', n.onFail]];
    case 'http':
      return [['next', n.next], ['onError', n.onError]];
    case 'condition':
      return [...n.rules.map((r, i): [string, string] => [`rules.${i}.next`, r.next]), ['otherwise', n.otherwise]];
    case 'queue':
    case 'transfer':
    case 'voicemail':
    case 'hangup':
      return [];
  }
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

const idPattern = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * What the editor can tell before asking the server: missing or malformed ids, duplicates,
 * menu digits, and references to nodes that do not exist. Keyed like the server's error paths.
 */
export function checkDraft(draft: Draft, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  const ids = new Set<string>();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(draft.name.trim())) errors.name = t('ivr.err.flowName');
  draft.nodes.forEach((n, i) => {
    const id = n.id.trim();
    if (!idPattern.test(id)) errors[`nodes.${i}.id`] = t('ivr.err.nodeId');
    else if (ids.has(id)) errors[`nodes.${i}.id`] = t('ivr.err.duplicate', { id });
    ids.add(id);
  });
  if (!draft.start) errors.start = t('ivr.err.chooseNode');
  else if (!ids.has(draft.start)) errors.start = t('ivr.err.noNode', { id: draft.start });
  draft.nodes.forEach((n, i) => {
    if (n.type === 'menu') {
      if (n.options.length === 0) errors[`nodes.${i}.options`] = t('ivr.err.noOptions');
      const digits = new Set<string>();
      n.options.forEach((o, k) => {
        if (!/^[0-9*#]$/.test(o.digit)) errors[`nodes.${i}.optionDigit.${k}`] = t('ivr.err.digit');
        else if (digits.has(o.digit)) errors[`nodes.${i}.optionDigit.${k}`] = t('ivr.err.duplicateDigit', { digit: o.digit });
        digits.add(o.digit);
      });
    }
    for (const [path, target] of references(n)) {
      const key = `nodes.${i}.${path}`;
      if (errors[key]) continue;
      if (!target) errors[key] = t('ivr.err.chooseNode');
      else if (!ids.has(target)) errors[key] = t('ivr.err.noNode', { id: target });
    }
  });
  return errors;
}

/** The errors under one prefix, with the prefix taken off: what one node's form shows. */
export function scoped(errors: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  return out;
}
