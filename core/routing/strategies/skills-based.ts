import { longestIdleFirst, orderBy, type Strategy } from './types';

/** The most proficient agent in the skills asked for; equal proficiency goes to the longest idle. */
export const skillsBased: Strategy = {
  ring: 'one',
  select: (candidates) => orderBy(candidates, (a, b) => b.proficiency - a.proficiency, longestIdleFirst),
};
