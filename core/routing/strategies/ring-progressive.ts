import { longestIdleFirst, orderBy, type Strategy } from './types';

/** Ring the longest idle agent, then add the next every ringStepSeconds; all ring until one accepts. */
export const ringProgressive: Strategy = {
  ring: 'progressive',
  select: (candidates) => orderBy(candidates, longestIdleFirst),
};
