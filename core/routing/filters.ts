import type { AgentSeat } from './model';

/** The agent meets every required skill at its minimum level. */
export function hasSkills(seat: AgentSeat, required: Readonly<Record<string, number>>): boolean {
  for (const name in required) if ((seat.skills[name] ?? 0) < (required[name] ?? 0)) return false;
  return true;
}

/** Sum of levels in the required skills; with none required, in all the agent's skills. */
export function proficiency(seat: AgentSeat, required: Readonly<Record<string, number>>): number {
  const names = Object.keys(required);
  let sum = 0;
  for (const name of names.length > 0 ? names : Object.keys(seat.skills)) sum += seat.skills[name] ?? 0;
  return sum;
}
