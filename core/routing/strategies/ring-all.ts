import { longestIdleFirst, orderBy, type Strategy } from './types';

/** Voice: ring every eligible agent at once; the first to accept wins and the others are cancelled. */
export const ringAll: Strategy = {
  ring: 'all',
  select: (candidates) => orderBy(candidates, longestIdleFirst),
};
