// cpx __complete <kind>: candidates for the shell completions, one a line. bin/cpx.ts runs it without
// loading the CLI (no commander, no chalk); it never fails the shell: any problem prints nothing.
// Task names (`__complete tasks`) are answered by the bin/cpx launcher itself, with one tmux call.
import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

export const COMPLETION_KINDS = ['layouts', 'agents'] as const;
type Kind = (typeof COMPLETION_KINDS)[number];

/** Layout names `cpx up` finds from here (the same folders, the same precedence). */
export async function listLayoutNames(cwd = process.cwd()): Promise<string[]> {
  const { listLayoutDirs } = await import('./layout/find.js');
  const names = listLayoutDirs(cwd).flatMap((dir) => listYamlNames(dir));
  return [...new Set(names)];
}

/** Built-in agents, then the user's profiles (<name>.yaml in the profiles folder). */
export async function listAgentNames(): Promise<string[]> {
  const { BUILTIN_AGENTS } = await import('./agents.js');
  return [...new Set([...BUILTIN_AGENTS, ...listYamlNames(await findProfilesDir())])];
}

async function findProfilesDir(): Promise<string> {
  const { configDir, configPath } = await import('./paths.js');
  if (!existsSync(configPath())) return join(configDir(), 'profiles');
  // Only a config file can move the folder; reading it loads yaml, so only when there is one.
  const { loadConfig } = await import('./config.js');
  try {
    return loadConfig().profiles;
  } catch {
    return join(configDir(), 'profiles');
  }
}

function listYamlNames(dir: string): string[] {
  // Sorted, and no dotfiles: the order and the files fast-glob gives `cpx up`.
  return listDir(dir).filter((f) => !f.startsWith('.') && ['.yaml', '.yml'].includes(extname(f))).sort().map((f) => basename(f, extname(f)));
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

const LISTS: Record<Kind, () => Promise<string[]>> = { layouts: listLayoutNames, agents: listAgentNames };

export async function runComplete(args: string[]): Promise<number> {
  const [kind] = args;
  if (!COMPLETION_KINDS.includes(kind as Kind)) {
    process.stderr.write(`cpx: __complete needs a kind: tasks, ${COMPLETION_KINDS.join(', ')}\n`);
    return 2;
  }
  let names: string[] = [];
  try {
    names = await LISTS[kind as Kind]();
  } catch (error) {
    if (process.env.CPX_DEBUG) process.stderr.write(`cpx: __complete ${kind}: ${(error as Error).stack}\n`);
  }
  process.stdout.on('error', () => undefined);
  process.stdout.write(names.map((name) => `${name}\n`).join(''));
  return 0;
}
