import { longestIdleFirst, orderBy, type Strategy } from './types';

/** The agent who has waited longest since their last interaction goes first: fair share of work. */
export const longestIdle: Strategy = {
  ring: 'one',
  select: (candidates) => orderBy(candidates, longestIdleFirst),
};
