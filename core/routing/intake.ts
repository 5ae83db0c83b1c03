import { allMedia } from '../media';
import { ValidationError } from '../errors';
import { DEFAULT_TARGET_WAIT_SECONDS, NewInteractionSchema, type Media } from './model';

/** A submitted interaction after validation (what `NewInteractionSchema` outputs). */
export interface NewInteractionData {
  readonly id: string;
  readonly media: Media;
  readonly queueId: string;
  readonly skills: Record<string, number>;
  readonly priority: number;
  readonly contactId: string;
  readonly arrivedAt?: number | undefined;
  readonly targetAgentId?: string | undefined;
  readonly targetWaitSeconds: number;
}

const MEDIA = new Set<string>(allMedia);

/**
 * Validate a submitted interaction. The common, well-formed case is checked by hand (the same
 * rules as `NewInteractionSchema`, no allocation beyond the copied skills); anything unusual or
 * invalid goes through zod, which produces the result or the issues of the ValidationError.
 */
export function parseNewInteraction(input: unknown): NewInteractionData {
  const fast = quickParse(input);
  if (fast) return fast;
  const parsed = NewInteractionSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('invalid interaction', parsed.error.issues);
  return parsed.data;
}

const isLevel = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 10;

/** The schema's rules for plain inputs; null means "let zod decide". */
function quickParse(input: unknown): NewInteractionData | null {
  if (typeof input !== 'object' || input === null) return null;
  const { id, media, queueId, skills, priority, contactId, arrivedAt, targetAgentId, targetWaitSeconds } = input as Record<string, unknown>;
  if (targetAgentId !== undefined || targetWaitSeconds !== undefined) return null;
  if (typeof id !== 'string' || id.length < 1 || id.length > 64) return null;
  if (typeof media !== 'string' || !MEDIA.has(media)) return null;
  if (typeof queueId !== 'string' || queueId.length < 1) return null;
  if (typeof contactId !== 'string' || contactId.length < 1) return null;
  if (priority !== undefined && !Number.isSafeInteger(priority)) return null;
  if (arrivedAt !== undefined && !(typeof arrivedAt === 'number' && Number.isFinite(arrivedAt))) return null;
  const copy: Record<string, number> = {};
  if (skills !== undefined) {
    if (typeof skills !== 'object' || skills === null || Object.getPrototypeOf(skills) !== Object.prototype) return null;
    for (const name of Object.keys(skills)) {
      const level = (skills as Record<string, unknown>)[name];
      if (name === '__proto__' || !isLevel(level)) return null;
      copy[name] = level;
    }
  }
  return { id, media: media as Media, queueId, skills: copy, priority: (priority as number | undefined) ?? 0, contactId, arrivedAt: arrivedAt as number | undefined, targetWaitSeconds: DEFAULT_TARGET_WAIT_SECONDS };
}
