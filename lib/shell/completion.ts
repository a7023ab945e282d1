// cpx __complete agents, when a config file may have moved the profiles folder: the bin/cpx launcher
// answers every other `__complete KIND` itself (tasks, sessions, layouts; agents with no config file).
// bin/cpx.ts runs this without loading the CLI; it never fails the shell: any problem prints nothing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listYamlNames } from '../core/paths.js';

export const COMPLETION_KINDS = ['tasks', 'sessions', 'layouts', 'agents'] as const;

/** Built-in agents, then the user's profiles (<name>.yaml in the profiles folder). */
export async function listAgentNames(): Promise<string[]> {
  const { BUILTIN_AGENTS } = await import('../tasks/agents.js');
  return [...new Set([...BUILTIN_AGENTS, ...listYamlNames(await findProfilesDir())])];
}

async function findProfilesDir(): Promise<string> {
  const { configDir, configPath } = await import('../core/paths.js');
  if (!existsSync(configPath())) return join(configDir(), 'profiles');
  const { loadConfig } = await import('../core/config.js');
  try {
    return loadConfig().profiles;
  } catch {
    return join(configDir(), 'profiles');
  }
}

export async function runComplete(args: string[]): Promise<number> {
  const [kind] = args;
  if (kind !== 'agents') {
    const known = (COMPLETION_KINDS as readonly string[]).includes(kind);
    process.stderr.write(known
      ? `cpx: __complete ${kind} is answered by the launcher: run bin/cpx, not dist/cpx.js\n`
      : `cpx: __complete needs a kind: ${COMPLETION_KINDS.join(', ')}\n`);
    return 2;
  }
  let names: string[] = [];
  try {
    names = await listAgentNames();
  } catch (error) {
    if (process.env.CPX_DEBUG) process.stderr.write(`cpx: __complete ${kind}: ${(error as Error).stack}\n`);
  }
  process.stdout.on('error', () => undefined);
  process.stdout.write(names.map((name) => `${name}\n`).join(''));
  return 0;
}
