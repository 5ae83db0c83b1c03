import { allMedia } from '../media';
import { isCall, type Media } from '../routing/model';

export type WorkPhase = 'reserved' | 'ringing' | 'busy' | 'wrap_up';

export interface WorkItem {
  readonly interactionId: string;
  readonly media: Media;
  readonly queueId: string;
  readonly phase: WorkPhase;
  readonly since: number;
}

/** The part of a seat that decides how much work an agent can hold. */
export interface SeatCapacity {
  readonly capacity: Partial<Record<Media, number>>;
  readonly voiceBlocksChat: boolean;
  readonly chatInterruptibleByVoice: boolean;
}

export type CapacityRefusal = 'no_capacity' | 'on_a_call' | 'blocked_by_call' | 'blocked_by_chat';

/** Wrap-up still occupies a slot of its media, but only live work blocks other media. */
const live = (w: WorkItem): boolean => w.phase !== 'wrap_up';

/**
 * Whether one more interaction of `media` fits. Reservations count, so an agent being rung
 * is never offered past capacity.
 */
export function capacityRefusal(seat: SeatCapacity, work: readonly WorkItem[], media: Media): CapacityRefusal | null {
  let same = 0;
  let liveCall = false;
  let liveText = false;
  for (const w of work) {
    if (w.media === media) same++;
    if (live(w)) {
      if (isCall(w.media)) liveCall = true;
      else liveText = true;
    }
  }
  if (same >= (seat.capacity[media] ?? 0)) return 'no_capacity';
  if (isCall(media)) {
    if (liveCall) return 'on_a_call';
    if (liveText && !seat.chatInterruptibleByVoice) return 'blocked_by_chat';
  } else if (liveCall && seat.voiceBlocksChat) {
    return 'blocked_by_call';
  }
  return null;
}

/** Share of the media's slots in use, 0..1 (least-occupied ranks by it). */
export function occupancy(seat: SeatCapacity, work: readonly WorkItem[], media: Media): number {
  const cap = seat.capacity[media] ?? 0;
  if (cap === 0) return 1;
  let same = 0;
  for (const w of work) if (w.media === media) same++;
  return same / cap;
}

/** Bit of each media in a `freeMedia` mask (the order of `allMedia`). */
export const MEDIA_BIT: Readonly<Record<Media, number>> = Object.fromEntries(allMedia.map((m, i) => [m, 1 << i])) as Record<Media, number>;

/**
 * Every media one more interaction fits right now, as a mask of `MEDIA_BIT`s: the same answer as
 * `capacityRefusal(seat, work, m) === null` for each media, in one pass over the work items.
 */
export function freeMedia(seat: SeatCapacity, work: readonly WorkItem[]): number {
  let liveCall = false;
  let liveText = false;
  for (const w of work) {
    if (live(w)) {
      if (isCall(w.media)) liveCall = true;
      else liveText = true;
    }
  }
  let mask = 0;
  for (const media of allMedia) {
    const cap = seat.capacity[media] ?? 0;
    if (cap === 0) continue;
    if (isCall(media) ? liveCall || (liveText && !seat.chatInterruptibleByVoice) : liveCall && seat.voiceBlocksChat) continue;
    let same = 0;
    for (const w of work) if (w.media === media) same++;
    if (same < cap) mask |= MEDIA_BIT[media];
  }
  return mask;
}
