import type { NodeOf } from '../flow';
import { assertLive, type FlowContext, type StepResult } from '../context';

const locale = (ctx: FlowContext) => ctx.flow.locale;

export async function runPlay(node: NodeOf<'play'>, ctx: FlowContext): Promise<StepResult> {
  await ctx.leg.play(ctx.prompts.resolve(node.prompts, locale(ctx), ctx.variables));
  assertLive(ctx);
  return { next: node.next };
}

/** Plays the menu, takes one digit; invalid or no input replays with a notice, up to `retries` times. */
export async function runMenu(node: NodeOf<'menu'>, ctx: FlowContext): Promise<StepResult> {
  const valid = Object.keys(node.options).join('');
  for (let attempt = 0; attempt <= node.retries; attempt++) {
    const result = await ctx.leg.playCollect(ctx.prompts.resolve(node.prompts, locale(ctx), ctx.variables), {
      minDigits: 1,
      maxDigits: 1,
      firstDigitTimeoutMs: node.timeoutMs,
      interDigitTimeoutMs: node.timeoutMs,
    });
    assertLive(ctx);
    const digit = result.digits;
    ctx.path.push({ node: node.id, type: 'menu', digits: digit, at: ctx.clock.now() });
    if (digit && valid.includes(digit)) return { next: node.options[digit]! };
    const notice = digit ? node.invalidPrompts : node.timeoutPrompts;
    if (notice.length > 0) await ctx.leg.play(ctx.prompts.resolve(notice, locale(ctx), ctx.variables));
    assertLive(ctx);
  }
  return { next: node.onFail };
}

export async function runCollect(node: NodeOf<'collect'>, ctx: FlowContext): Promise<StepResult> {
  const result = await ctx.leg.playCollect(ctx.prompts.resolve(node.prompts, locale(ctx), ctx.variables), {
    minDigits: node.minDigits,
    maxDigits: node.maxDigits,
    terminators: node.terminators,
    firstDigitTimeoutMs: node.timeoutMs,
    interDigitTimeoutMs: Math.min(node.timeoutMs, 5000),
    totalTimeoutMs: node.timeoutMs * 4,
  });
  assertLive(ctx);
  ctx.path.push({ node: node.id, type: 'collect', digits: result.digits, at: ctx.clock.now() });
  if (result.digits.length < node.minDigits) return { next: node.onFail };
  ctx.variables[node.variable] = result.digits;
  return { next: node.next };
}

export async function runHangup(node: NodeOf<'hangup'>, ctx: FlowContext): Promise<StepResult> {
  if (node.prompts.length > 0) await ctx.leg.play(ctx.prompts.resolve(node.prompts, locale(ctx), ctx.variables));
  return { outcome: { kind: 'hangup' } };
}
