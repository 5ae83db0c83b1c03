import { orderBy, type Strategy } from './types';

/** Agents in a fixed circle (by id); the turn passes to whoever follows the last one assigned. */
export const roundRobin: Strategy = {
  ring: 'one',
  select(candidates, ctx) {
    const circle = orderBy(candidates);
    const last = ctx.lastAssigned;
    if (last === null) return circle;
    const start = circle.findIndex((id) => id > last);
    return start <= 0 ? circle : [...circle.slice(start), ...circle.slice(0, start)];
  },
};
