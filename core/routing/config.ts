import { ValidationError } from '../errors';
import { RouterConfigSchema, type RouterConfig, type RouterConfigInput } from './model';

/** Parse and cross-check the configuration once, so the router can trust it afterwards. */
export function parseRouterConfig(input: RouterConfigInput): RouterConfig {
  const parsed = RouterConfigSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('invalid router configuration', parsed.error.issues);
  const config = parsed.data;
  const ids = new Set(config.queues.map((q) => q.id));
  const problems: string[] = [];
  if (ids.size !== config.queues.length) problems.push('duplicate queue id');
  for (const q of config.queues) {
    for (const rule of q.overflow) {
      if (rule.action !== 'move_queue') continue;
      if (!ids.has(rule.targetQueueId ?? '')) problems.push(`queue ${q.id}: unknown overflow target ${rule.targetQueueId}`);
      // A zero-delay move could bounce between two queues for ever within one instant.
      if (rule.afterSeconds === 0) problems.push(`queue ${q.id}: move_queue needs afterSeconds > 0`);
    }
  }
  for (const a of config.agents) for (const id of a.queues) if (!ids.has(id)) problems.push(`agent ${a.agentId}: unknown queue ${id}`);
  if (problems.length > 0) throw new ValidationError('invalid router configuration', problems);
  return {
    ...config,
    queues: config.queues.map((q) => ({ ...q, overflow: [...q.overflow].sort((a, b) => a.afterSeconds - b.afterSeconds) })),
  };
}
