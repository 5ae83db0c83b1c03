import { longestIdleFirst, orderBy, type Strategy } from './types';

/** For chat: the agent with the most free slots (lowest share in use) spreads concurrent chats evenly. */
export const leastOccupied: Strategy = {
  ring: 'one',
  select: (candidates) => orderBy(candidates, (a, b) => a.occupancy - b.occupancy, longestIdleFirst),
};
