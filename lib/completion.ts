// cpx __complete <kind> [-L NAME]: candidates for the shell completions, one a line. bin/cpx.ts runs it
// without loading the CLI (no commander, no chalk); it never fails the shell: any problem prints nothing.
import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { OPTION, TASK_FILTER } from './tasks.js';
import { runLenient, selectServer } from './tmux.js';

export const COMPLETION_KINDS = ['tasks', 'layouts', 'agents'] as const;
type Kind = (typeof COMPLETION_KINDS)[number];

// Task panes, but not their second listing under the watcher's grouped session (as in lib/tasks.ts).

/** Task names on the selected server, each once; no server (or no tmux) means none. */
export async function listTaskNames(): Promise<string[]> {
  const out = await runLenient(['list-panes', '-a', '-f', TASK_FILTER, '-F', `#{${OPTION.name}}`]);
  return [...new Set((out ?? '').split('\n').filter(Boolean))];
}

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

/** `-L NAME`, `--socket NAME` or `--socket=NAME` among the arguments (the shells pass what the line had). */
function findSocket(args: string[]): string | undefined {
  let socket: string | undefined;
  args.forEach((arg, i) => {
    if ((arg === '-L' || arg === '--socket') && i + 1 < args.length) socket = args[i + 1];
    else if (arg.startsWith('--socket=')) socket = arg.slice('--socket='.length);
    else if (/^-L./.test(arg)) socket = arg.slice(2);
  });
  return socket;
}

const LISTS: Record<Kind, () => Promise<string[]>> = { tasks: listTaskNames, layouts: listLayoutNames, agents: listAgentNames };

export async function runComplete(args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  if (!COMPLETION_KINDS.includes(kind as Kind)) {
    process.stderr.write(`cpx: __complete needs a kind: ${COMPLETION_KINDS.join(', ')}\n`);
    return 2;
  }
  const socket = findSocket(rest);
  selectServer(socket ?? process.env.CPX_SOCKET, socket ? undefined : process.env.CPX_SOCKET_PATH);
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
