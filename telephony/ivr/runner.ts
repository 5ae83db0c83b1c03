import type { FlowNode } from './flow';
import { CallerHungUp, type FlowContext, type FlowOutcome, type StepResult } from './context';
import { runCondition, runHttp, runSet } from './nodes/logic-nodes';
import { runCollect, runHangup, runMenu, runPlay } from './nodes/media-nodes';

/** A flow that goes round without ever waiting on the caller is a mistake; stop it rather than spin. */
const maxSteps = 500;

function step(node: FlowNode, ctx: FlowContext): Promise<StepResult> | StepResult {
  switch (node.type) {
    case 'play':
      return runPlay(node, ctx);
    case 'menu':
      return runMenu(node, ctx);
    case 'collect':
      return runCollect(node, ctx);
    case 'condition':
      return runCondition(node, ctx);
    case 'http':
      return runHttp(node, ctx);
    case 'set':
      return runSet(node, ctx);
    case 'hangup':
      return runHangup(node, ctx);
    case 'queue':
      return { outcome: { kind: 'queue', queueName: node.queueName } };
    case 'transfer':
      return { outcome: { kind: 'transfer', target: node.target } };
    case 'voicemail':
      return { outcome: { kind: 'voicemail', maxSeconds: node.maxSeconds, ...(node.queueName ? { queueName: node.queueName } : {}) } };
  }
}

/** Walks the flow from its start node until a node hands the call on or the caller hangs up. */
export async function runFlow(ctx: FlowContext): Promise<FlowOutcome> {
  const nodes = new Map(ctx.flow.nodes.map((n) => [n.id, n]));
  let current = ctx.flow.start;
  try {
    for (let i = 0; i < maxSteps; i++) {
      const node = nodes.get(current);
      if (!node) throw new Error(`flow ${ctx.flow.name} has no node ${current}`);
      if (node.type !== 'menu' && node.type !== 'collect') ctx.path.push({ node: node.id, type: node.type, at: ctx.clock.now() });
      const result = await step(node, ctx);
      if ('outcome' in result) return result.outcome;
      current = result.next;
    }
    ctx.log.error({ flow: ctx.flow.name }, 'IVR flow looped without end; hanging up');
    return { kind: 'hangup' };
  } catch (err) {
    if (err instanceof CallerHungUp) return { kind: 'caller_hangup' };
    throw err;
  }
}
