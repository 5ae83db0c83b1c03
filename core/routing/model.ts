import { z } from 'zod';

import { isTimeZone } from '../calendar/business-hours';
import { capacitySchema, mediaSchema as MediaSchema, type Media } from '../media';

export { MediaSchema, type Media };

/** Voice and video share the agent's headset: they are the "calls"; everything else is text. */
export function isCall(media: Media): boolean {
  return media === 'voice' || media === 'video';
}

export const StrategyNameSchema = z.enum([
  'longest_idle',
  'round_robin',
  'fewest_interactions',
  'least_occupied',
  'skills_based',
  'ring_all',
  'ring_progressive',
]);
export type StrategyName = z.infer<typeof StrategyNameSchema>;

export const OverflowActionSchema = z.enum(['widen_skills', 'move_queue', 'callback', 'voicemail', 'ticket']);
export type OverflowAction = z.infer<typeof OverflowActionSchema>;

export const OverflowRuleSchema = z
  .object({
    afterSeconds: z.number().nonnegative(),
    action: OverflowActionSchema,
    targetQueueId: z.string().min(1).optional(),
  })
  .refine((r) => r.action !== 'move_queue' || r.targetQueueId !== undefined, {
    message: 'move_queue needs targetQueueId',
  });
export type OverflowRule = z.infer<typeof OverflowRuleSchema>;

const seconds = z.number().positive();

/** How long a transfer to a named agent waits for them before their queue may take it. */
export const DEFAULT_TARGET_WAIT_SECONDS = 60;

export const QueueSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  media: z.array(MediaSchema).min(1),
  strategy: StrategyNameSchema.default('longest_idle'),
  serviceLevelSeconds: seconds.default(20),
  /** null: wait for ever (overflow rules may still apply). */
  maxWaitSeconds: seconds.nullable().default(null),
  /** Applied in order of afterSeconds, each measured from entry into this queue. */
  overflow: z.array(OverflowRuleSchema).default([]),
  /** "Empty" = no member agent is available (logged in, not not-ready) for the interaction's media. */
  joinWhenEmpty: z.enum(['allow', 'refuse']).default('allow'),
  leaveWhenEmpty: z.boolean().default(false),
  /** Between queues: an agent serving several queues takes from the higher priority queue first. */
  priority: z.number().int().default(0),
  wrapUpSeconds: z.number().nonnegative().default(0),
  offerTimeoutSeconds: seconds.default(20),
  maxConsecutiveMisses: z.number().int().positive().default(3),
  allowManualPick: z.boolean().default(false),
  /** One priority step is worth this many seconds of waiting. */
  agingSeconds: seconds.default(60),
  /** ring_progressive: seconds between adding the next agent. */
  ringStepSeconds: seconds.default(5),
});
export type QueueConfig = z.output<typeof QueueSchema>;
export type QueueInput = z.input<typeof QueueSchema>;

export const SkillLevelSchema = z.number().int().min(1).max(10);

export const AgentSeatSchema = z.object({
  agentId: z.string().min(1),
  skills: z.record(z.string(), SkillLevelSchema).default({}),
  capacity: capacitySchema,
  /** An active voice/video call blocks new text interactions. */
  voiceBlocksChat: z.boolean().default(true),
  /** An agent holding text interactions may still be offered a call. */
  chatInterruptibleByVoice: z.boolean().default(true),
  queues: z.array(z.string().min(1)),
});
export type AgentSeat = z.output<typeof AgentSeatSchema>;
export type AgentSeatInput = z.input<typeof AgentSeatSchema>;

export const NewInteractionSchema = z.object({
  id: z.string().min(1).max(64),
  media: MediaSchema,
  queueId: z.string().min(1),
  /** skill name -> minimum level */
  skills: z.record(z.string(), SkillLevelSchema).default({}),
  /** Higher is served first. */
  priority: z.number().int().default(0),
  contactId: z.string().min(1),
  /** When the contact reached the contact centre (IVR time included); defaults to now. */
  arrivedAt: z.number().optional(),
  /** A transfer to a named agent: only they are offered it, until they miss it or `targetWaitSeconds` pass. */
  targetAgentId: z.string().min(1).optional(),
  targetWaitSeconds: seconds.default(DEFAULT_TARGET_WAIT_SECONDS),
});
export type NewInteraction = z.input<typeof NewInteractionSchema>;

export const InteractionStatusSchema = z.enum(['waiting', 'offered', 'active']);

/** The router's record of a live interaction; replaced (never mutated) on every change. */
export const InteractionRecordSchema = z.object({
  id: z.string(),
  media: MediaSchema,
  queueId: z.string(),
  skills: z.record(z.string(), z.number()),
  priority: z.number(),
  contactId: z.string(),
  arrivedAt: z.number(),
  /** First entry into any queue; kept across move_queue so FIFO and aging stay fair. */
  enqueuedAt: z.number(),
  /** Entry into the current queue; overflow rules and max wait count from here. */
  queueEnteredAt: z.number(),
  /** Tie-break for equal priority and enqueuedAt: order of submission. */
  seq: z.number(),
  status: InteractionStatusSchema,
  /** How many of the current queue's overflow rules have fired. */
  rulesApplied: z.number(),
  /** Agents who rejected or missed it; they are asked again only if no one else can take it. */
  tried: z.array(z.string()),
  agentId: z.string().nullable(),
  acceptedAt: z.number().nullable(),
  /** Waiting for one named agent until `until` (epoch ms); null once it is the queue's like any other. */
  target: z.object({ agentId: z.string(), until: z.number() }).nullable().default(null),
});
export type InteractionRecord = z.infer<typeof InteractionRecordSchema>;

export const RouterConfigSchema = z.object({
  queues: z.array(QueueSchema),
  agents: z.array(AgentSeatSchema),
  /** Reason codes an agent may give for not-ready; 'missed' is always allowed (the router sets it). */
  notReadyReasons: z.array(z.string().min(1)).default(['break', 'lunch', 'training', 'meeting']),
  /** Handle time assumed by estimatedWait before a queue has any sample. */
  defaultHandleSeconds: seconds.default(180),
  /** Where "today" of the live queue counters begins and ends (IANA zone). */
  timezone: z.string().refine(isTimeZone, 'unknown time zone').default('Asia/Shanghai'),
});
export type RouterConfig = z.output<typeof RouterConfigSchema>;
export type RouterConfigInput = z.input<typeof RouterConfigSchema>;
