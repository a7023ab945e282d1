// Finding an agent's profile: built-in data, or a user's YAML file in the profiles directory.
import { existsSync } from 'node:fs';
import { listYamlNames } from '../core/paths.js';
import { UsageError } from '../core/errors.js';
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

/**
 * The profile a user asked for by name: built in, or a file in the profiles directory. Unlike
 * findProfile there is no fall back to generic: a typo must not pass for a profile (exit 2).
 */
export async function requireProfile(agent: string, profilesDir: () => string): Promise<Profile> {
  if (BUILTIN[agent]) return BUILTIN[agent];
  const dir = profilesDir();
  const users = listYamlNames(dir);
  if (users.includes(agent)) return findProfile(agent, dir);
  const known = [...builtinProfileNames(), ...users].join(', ');
  throw new UsageError(`no agent profile named '${agent}': known profiles: ${known}; or write ${join(dir, `${agent}.yaml`)} (see "Agent profiles" in the README)`);
}
