import type { CallLeg } from '../engine';

/** A leg's state changes under our feet (the far end hangs up); reading it through a call keeps TypeScript from narrowing it. */
export function isEnded(leg: CallLeg): boolean {
  return leg.state === 'ended';
}
