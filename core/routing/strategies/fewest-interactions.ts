import { longestIdleFirst, orderBy, type Strategy } from './types';

/** Whoever has handled the fewest interactions since logging in; ties go to the longest idle. */
export const fewestInteractions: Strategy = {
  ring: 'one',
  select: (candidates) => orderBy(candidates, (a, b) => a.handled - b.handled, longestIdleFirst),
};
