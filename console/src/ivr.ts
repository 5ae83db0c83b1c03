// The IVR flow as the server stores it (telephony/ivr/flow.ts). The console may import only types
// from core, not from telephony, so the shape is mirrored here; the server validates every save.

/** Shipped prompts (telephony/prompts/<locale>/<name>.wav). */
export const builtinPromptNames = [
  'welcome', 'menu', 'invalid', 'timeout', 'closed', 'position_prefix', 'position_suffix', 'wait_prefix', 'minutes',
  'voicemail', 'goodbye', 'callback_offer', 'callback_confirm', 'transfer', 'please_hold', 'your_number_is',
  'recording_notice', 'agent_connect',
] as const;
export type BuiltinPrompt = (typeof builtinPromptNames)[number];

export type Prompt =
  | { kind: 'builtin'; name: BuiltinPrompt }
  | { kind: 'upload'; file: string }
  | { kind: 'digits'; value: string }
  | { kind: 'number'; value: string }
  | { kind: 'silence'; ms: number };
export type PromptKind = Prompt['kind'];
export const promptKinds = ['builtin', 'upload', 'digits', 'number', 'silence'] as const satisfies readonly PromptKind[];

export type Condition =
  | { kind: 'business_hours'; hoursName: string; open: boolean }
  | { kind: 'holiday'; hoursName: string }
  | { kind: 'caller'; prefixes: string[] }
  | { kind: 'variable'; name: string; op: VariableOp; value: string };
export type ConditionKind = Condition['kind'];
export const conditionKinds = ['business_hours', 'holiday', 'caller', 'variable'] as const satisfies readonly ConditionKind[];
export const variableOps = ['eq', 'ne', 'gt', 'lt', 'empty', 'not_empty'] as const;
export type VariableOp = (typeof variableOps)[number];

export interface TransferTarget {
  kind: 'extension' | 'number';
  value: string;
}

interface Base {
  id: string;
  label?: string;
}

/** Nodes as saved: maps (menu options, skills, variables) are records keyed by digit or name. */
export type FlowNode = Base &
  (
    | { type: 'play'; prompts: Prompt[]; next: string }
    | { type: 'menu'; prompts: Prompt[]; options: Record<string, string>; invalidPrompts?: Prompt[]; timeoutPrompts?: Prompt[]; timeoutMs?: number; retries?: number; onFail: string }
    | { type: 'collect'; prompts: Prompt[]; variable: string; minDigits?: number; maxDigits?: number; terminators?: string; timeoutMs?: number; next: string; onFail: string }
    | { type: 'condition'; rules: Array<{ when: Condition; next: string }>; otherwise: string }
    | { type: 'http'; url: string; timeoutMs?: number; saveFields?: string[]; next: string; onError: string }
    | { type: 'set'; skills?: Record<string, number>; priority?: number; variables?: Record<string, string>; next: string }
    | { type: 'queue'; queueName: string }
    | { type: 'transfer'; target: TransferTarget }
    | { type: 'voicemail'; queueName?: string; maxSeconds?: number }
    | { type: 'hangup'; prompts?: Prompt[] }
  );
export type NodeType = FlowNode['type'];
export const nodeTypes = ['play', 'menu', 'collect', 'condition', 'http', 'set', 'queue', 'transfer', 'voicemail', 'hangup'] as const satisfies readonly NodeType[];

export type FlowLocale = 'zh-CN' | 'en';

export interface Flow {
  name: string;
  locale: FlowLocale;
  start: string;
  nodes: FlowNode[];
}

export interface FlowSummary {
  name: string;
  version: number;
  numbers: string[];
}

export interface StoredFlow {
  name: string;
  version: number;
  flow: Flow;
  createdAt: string | null;
  createdBy: number | null;
}

export type FlowVersion = Omit<StoredFlow, 'flow'>;

export type CallerAction = { press: string } | { silence: true } | { hangup: true };

export type FlowOutcome =
  | { kind: 'queue'; queueName: string }
  | { kind: 'transfer'; target: TransferTarget }
  | { kind: 'voicemail'; queueName?: string; maxSeconds: number }
  | { kind: 'hangup' }
  | { kind: 'caller_hangup' };

export interface TestRunRequest {
  flow: Flow;
  script: CallerAction[];
  caller?: string;
  called?: string;
  /** ISO instant (UTC). */
  at?: string;
}

export interface TestRunResult {
  outcome: FlowOutcome;
  heard: string[];
  path: Array<{ node: string; type: string; digits?: string; at: number }>;
  variables: Record<string, string>;
  skills: Record<string, number>;
  priority: number;
}
