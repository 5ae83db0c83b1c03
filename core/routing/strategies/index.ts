import type { StrategyName } from '../model';
import { fewestInteractions } from './fewest-interactions';
import { leastOccupied } from './least-occupied';
import { longestIdle } from './longest-idle';
import { ringAll } from './ring-all';
import { ringProgressive } from './ring-progressive';
import { roundRobin } from './round-robin';
import { skillsBased } from './skills-based';
import type { Strategy } from './types';

export type { Candidate, RingMode, Strategy, StrategyContext } from './types';

export const strategies: Readonly<Record<StrategyName, Strategy>> = {
  longest_idle: longestIdle,
  round_robin: roundRobin,
  fewest_interactions: fewestInteractions,
  least_occupied: leastOccupied,
  skills_based: skillsBased,
  ring_all: ringAll,
  ring_progressive: ringProgressive,
};
