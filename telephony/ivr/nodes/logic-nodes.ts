import { isHoliday, isOpen } from '../../../core/calendar/business-hours';
import type { Condition, NodeOf } from '../flow';
import type { FlowContext, StepResult } from '../context';

export function evaluate(cond: Condition, ctx: FlowContext): boolean {
  const now = new Date(ctx.clock.now());
  switch (cond.kind) {
    case 'business_hours': {
      const hours = ctx.businessHours(cond.hoursName);
      // Unknown hours count as open: a typo must not turn every caller away.
      return (hours ? isOpen(hours, now) : true) === cond.open;
    }
    case 'holiday': {
      const hours = ctx.businessHours(cond.hoursName);
      return hours ? isHoliday(hours, now) : false;
    }
    case 'caller':
      return cond.prefixes.some((p) => ctx.caller.startsWith(p));
    case 'variable': {
      const v = ctx.variables[cond.name] ?? '';
      switch (cond.op) {
        case 'eq':
          return v === cond.value;
        case 'ne':
          return v !== cond.value;
        case 'gt':
          return Number(v) > Number(cond.value);
        case 'lt':
          return Number(v) < Number(cond.value);
        case 'empty':
          return v === '';
        case 'not_empty':
          return v !== '';
      }
    }
  }
}

export function runCondition(node: NodeOf<'condition'>, ctx: FlowContext): StepResult {
  const hit = node.rules.find((r) => evaluate(r.when, ctx));
  return { next: hit ? hit.next : node.otherwise };
}

export function runSet(node: NodeOf<'set'>, ctx: FlowContext): StepResult {
  if (node.skills) Object.assign(ctx.skills, node.skills);
  if (node.priority !== undefined) ctx.priority = node.priority;
  if (node.variables) Object.assign(ctx.variables, node.variables);
  return { next: node.next };
}

/** Posts the caller's data to a configured URL; copies named answer fields into variables. */
export async function runHttp(node: NodeOf<'http'>, ctx: FlowContext): Promise<StepResult> {
  try {
    const answer = await ctx.http(node.url, { caller: ctx.caller, called: ctx.called, variables: ctx.variables }, node.timeoutMs);
    if (answer && typeof answer === 'object') {
      for (const field of node.saveFields) {
        const value = (answer as Record<string, unknown>)[field];
        if (value !== undefined && value !== null) ctx.variables[field] = String(value).slice(0, 200);
      }
    }
    return { next: node.next };
  } catch (err) {
    ctx.log.warn({ url: node.url, err: (err as Error).message }, 'IVR lookup failed, taking its error branch');
    return { next: node.onError };
  }
}

/** The default HTTP lookup: JSON POST with a hard timeout; non-2xx counts as failure. */
export async function fetchLookup(url: string, body: unknown, timeoutMs: number): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`lookup answered ${res.status}`);
  return res.json();
}
