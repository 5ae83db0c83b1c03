import type { MemberFlags } from '../engine';

/**
 * Port member flags in mod_conference terms: speak=false is `mute` (listen), hear=false is
 * `deaf`, notHeardBy is `relate <member> <other> nospeak` (whisper: the agent hears the
 * supervisor, the caller does not). Pure; the conference sends the commands.
 */

/** Flags for `conference <name>+flags{…}` when the member joins. */
export function joinFlags(flags: MemberFlags): Record<string, boolean> {
  return { mute: !flags.speak, deaf: !flags.hear };
}

export interface MemberState {
  speak: boolean;
  hear: boolean;
  /** Member ids this member is related `nospeak` to. */
  nospeak: readonly number[];
}

/** The API commands that move a member from `from` to `to` (nothing for what is unchanged). */
export function flagCommands(conference: string, memberId: number, from: MemberState, to: MemberState): string[] {
  const cmds: string[] = [];
  const c = `conference ${conference}`;
  if (from.speak !== to.speak) cmds.push(`${c} ${to.speak ? 'unmute' : 'mute'} ${memberId}`);
  if (from.hear !== to.hear) cmds.push(`${c} ${to.hear ? 'undeaf' : 'deaf'} ${memberId}`);
  for (const other of from.nospeak) if (!to.nospeak.includes(other)) cmds.push(`${c} relate ${memberId} ${other} clear`);
  for (const other of to.nospeak) if (!from.nospeak.includes(other)) cmds.push(`${c} relate ${memberId} ${other} nospeak`);
  return cmds;
}

/** State right after joining with joinFlags (no relations yet). */
export function joinedState(flags: MemberFlags): MemberState {
  return { speak: flags.speak, hear: flags.hear, nospeak: [] };
}
