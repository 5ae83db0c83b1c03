import type { Logger } from 'pino';
import type { BusinessHours } from '../../core/calendar/business-hours';
import type { Clock } from '../../core/clock';
import type { CallLeg } from '../engine';
import type { Flow } from './flow';
import type { PromptLibrary } from './prompts';

/** Where a flow hands the call over: the voice ACD carries these out. */
export type FlowOutcome =
  | { kind: 'queue'; queueName: string }
  | { kind: 'transfer'; target: { kind: 'extension' | 'number'; value: string } }
  | { kind: 'voicemail'; queueName?: string; maxSeconds: number }
  | { kind: 'hangup' }
  | { kind: 'caller_hangup' };

export interface PathStep {
  node: string;
  type: string;
  /** Digits pressed at this node, for the agent's screen-pop and the CDR. */
  digits?: string;
  at: number;
}

/** The fetch the HTTP node uses; injected so tests and the console's test-run can choose. */
export type HttpLookup = (url: string, body: unknown, timeoutMs: number) => Promise<unknown>;

export interface FlowContext {
  flow: Flow;
  leg: CallLeg;
  caller: string;
  called: string;
  variables: Record<string, string>;
  skills: Record<string, number>;
  priority: number;
  path: PathStep[];
  prompts: PromptLibrary;
  businessHours: (name: string) => BusinessHours | undefined;
  http: HttpLookup;
  clock: Clock;
  log: Logger;
}

/** A step either names the next node or ends the flow with an outcome. */
export type StepResult = { next: string } | { outcome: FlowOutcome };

export class CallerHungUp extends Error {
  constructor() {
    super('caller hung up');
    this.name = 'CallerHungUp';
  }
}

export function assertLive(ctx: FlowContext): void {
  if (ctx.leg.state === 'ended') throw new CallerHungUp();
}
