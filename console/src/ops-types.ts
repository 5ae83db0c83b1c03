// Shapes of the supervisor and admin pages shared with the server (types only cross the boundary).
import type { BusinessHours } from '../../core/calendar/business-hours';
import type { StoredHours } from '../../core/calendar/hours-service';
import type { QueueInput, QueueSettings } from '../../core/queues/queue-service';
import type { AgentView, WallboardSnapshot } from '../../core/realtime/events';
import type { Presence } from '../../core/agents/presence';
import type { OverflowAction, StrategyName } from '../../core/routing/model';

export type { BusinessHours, StoredHours, QueueInput, QueueSettings, AgentView, WallboardSnapshot, Presence, OverflowAction, StrategyName };

export type QueueView = WallboardSnapshot['queues'][number];

export const strategies = ['longest_idle', 'round_robin', 'fewest_interactions', 'least_occupied', 'skills_based', 'ring_all', 'ring_progressive'] as const satisfies readonly StrategyName[];
export const overflowActions = ['widen_skills', 'move_queue', 'callback', 'voicemail', 'ticket'] as const satisfies readonly OverflowAction[];
export const recordingPolicies = ['always', 'on_demand', 'never'] as const satisfies readonly QueueSettings['recordingPolicy'][];

/** One row of GET /api/calls/live (telephony's LiveCall; the console may not import telephony). */
export interface LiveCall {
  interactionId: string;
  /** ivr, queued, ringing, talking, … */
  state: string;
  from: string | null;
  queue: string;
  agentId: string | null;
  answeredAt: number | null;
  arrivedAt: number;
  recording: boolean;
}

export type MonitorMode = 'listen' | 'whisper' | 'barge';
export const monitorModes = ['listen', 'whisper', 'barge'] as const satisfies readonly MonitorMode[];

export interface Recording {
  id: string;
  interactionId: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  sizeBytes: number | null;
}

/** A row of GET /api/presence-reasons. */
export interface PresenceReason {
  id: number;
  code: string;
  label_zh: string;
  label_en: string;
}
