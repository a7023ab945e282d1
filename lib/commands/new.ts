// cpx new <name> [prompt...]: start an agent task.
import { resolve } from 'node:path';
import { splitCommandLine } from '../core/argv.js';
import { UsageError } from '../core/errors.js';
import { startTask } from '../tasks/launch.js';
import { paint, print, printJson } from '../core/output.js';
import { readStdinText } from '../core/stdin.js';
import { runInteractive, serverSocket } from '../tmux/runner.js';
import { requireWritableJournal } from '../tasks/journal.js';
import { findAfterProblem } from '../tasks/dependencies.js';
import { findDefaultSession } from '../tasks/lookup.js';
import { findSessionByName } from '../tasks/sessions.js';
import { listTasks, paneTarget } from '../tasks/task.js';
import { ensureWatcher, requireWatcherConfig } from '../watch/keeper.js';
import { cpxCommand } from '../core/invocation.js';
import { quoteAlways } from '../core/shell-words.js';

interface NewOptions {
  after?: string;
  env?: string[];
  agentArgs?: string;
  dir?: string;
  agent?: string;
  cmd?: string;
  pane?: boolean;
  session?: string;
  attach?: boolean;
  json?: boolean;
}

function parseEnv(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(pair);
    if (!m) throw new UsageError(`--env '${pair}' is not KEY=VALUE: write it like --env API_URL=http://localhost:3000`);
    env[m[1]] = m[2];
  }
  return env;
}

/** --after names other tasks of the session the new task goes to, without a cycle (as a layout must). */
async function requireValidAfter(name: string, after: string[], session: string | undefined): Promise<void> {
  const ref = session ? (await findSessionByName(session))?.id : await findDefaultSession();
  const tasks = ref ? (await listTasks()).filter((t) => t.sessionRef === ref) : [];
  const problem = findAfterProblem(name, after, tasks);
  if (problem) throw new UsageError(problem);
}

export default async function newCommand(name: string, words: string[], options: NewOptions): Promise<number> {
  if (options.agent && options.cmd !== undefined) throw new UsageError('--agent and --cmd both name a program: use one of them');
  const inside = Boolean(process.env.TMUX) && !serverSocket();
  if (options.attach && !inside && !process.stdin.isTTY) {
    throw new UsageError('--attach needs a terminal on stdin: run without --attach, then `cpx attach` from a terminal');
  }
  const env = parseEnv(options.env ?? []);
  const extraArgs = options.agentArgs === undefined ? [] : splitCommandLine(options.agentArgs);
  if (extraArgs.length && (options.cmd !== undefined || options.agent === 'shell')) throw new UsageError('--agent-args is for agents such as claude: put arguments into --cmd instead');
  const prompt = words.length === 1 && words[0] === '-' ? await readStdinText() : words.join(' ');
  requireWatcherConfig(); // a task nobody watches would ring no bell: nothing starts on a broken config.yaml
  requireWritableJournal();
  const size = process.stdout.isTTY ? { columns: process.stdout.columns, rows: process.stdout.rows } : undefined;
  const after = options.after?.split(',').map((s) => s.trim()).filter(Boolean);
  if (after?.length) await requireValidAfter(name, after, options.session);
  const { env: _env, agentArgs: _args, after: _after, ...rest } = options;
  const cmdArgv = options.cmd === undefined ? undefined : splitCommandLine(options.cmd);
  const definition = { agentArgs: extraArgs, env, ...(cmdArgv ? { cmd: cmdArgv } : {}) };
  const task = await startTask({ ...rest, name, prompt, dir: resolve(options.dir ?? process.cwd()), env, extraArgs, after, definition }, size);
  await ensureWatcher();
  if (options.json) printJson(task);
  else {
    print(`${paint().green('started')} ${paint().bold(task.name)} in ${task.where} (${task.paneId}, agent ${task.agent})`);
    if (!inside && !options.attach) {
      const socket = serverSocket() ? ` -L ${serverSocket()}` : '';
      print(`attach with: ${cpxCommand()} attach ${quoteAlways(task.name)}   (or: tmux${socket} attach -t ${quoteAlways(task.session)})`);
    }
  }
  if (!options.attach) return 0;
  const target = paneTarget(task);
  const go = [['select-window', '-t', target], ['select-pane', '-t', target]];
  return runInteractive([...go, [inside ? 'switch-client' : 'attach-session', '-t', target]]);
}
