// Finding an agent's profile: built-in data, or a user's YAML file in the profiles directory.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile } from './profile.js';
import { claude } from './profiles/claude.js';
import { generic } from './profiles/generic.js';
import { shell } from './profiles/shell.js';

// The demo agent draws Claude Code's screens, so it is read the same way.
const BUILTIN: Record<string, Profile> = { claude, shell, generic, demo: { ...claude, name: 'demo' } };

export function builtinProfileNames(): string[] {
  return Object.keys(BUILTIN);
}

/** The program a user's profile says to start for `--agent NAME` (its `command` list), if any. */
export async function findAgentCommand(agent: string): Promise<string[] | undefined> {
  const { loadConfig } = await import('../core/config.js');
  const profile = await findProfile(agent, loadConfig().profiles) as Profile & { command?: unknown };
  return Array.isArray(profile.command) && profile.command.length ? profile.command.map(String) : undefined;
}

/** The profile for an agent name; unknown agents fall back to the generic profile. */
export async function findProfile(agent: string, profilesDir?: string): Promise<Profile> {
  if (BUILTIN[agent]) return BUILTIN[agent];
  for (const ext of ['yaml', 'yml']) {
    const file = profilesDir ? join(profilesDir, `${agent}.${ext}`) : '';
    if (file && existsSync(file)) return (await import('./user-profile.js')).loadUserProfile(file);
  }
  return generic;
}
