// cpx ls: every task with its state, place and prompt.
import { formatDuration, paint, print, printJson } from '../core/output.js';
import { formatTable, type Cell, type Column } from '../core/table.js';
import { listTasks, where, type Task } from '../tasks/task.js';
import { ensureWatcherQuietly } from '../watch/keeper.js';
import { NoServerError, UsageError } from '../core/errors.js';
import { quoteForShell } from '../core/shell-words.js';
import { listSessions } from '../tasks/sessions.js';
import { serverSocket } from '../tmux/runner.js';

interface LsOptions {
  json?: boolean;
  waiting?: boolean;
  session?: string;
}

export function taskJson(task: Task) {
  return {
    name: task.name,
    state: task.state,
    since: new Date(task.since).toISOString(),
    seconds: Math.max(0, Math.round((Date.now() - task.since) / 1000)),
    detail: task.detail,
    choices: task.choices,
    session: task.session,
    window: task.windowIndex,
    pane: task.paneIndex,
    paneId: task.paneId,
    where: where(task),
    agent: task.agent,
    dir: task.dir,
    prompt: task.prompt,
    sessionId: task.agentSessionId,
    exitStatus: task.exitStatus ?? null,
    layout: task.layout || null,
    after: task.after,
    title: task.title,
  };
}

const STATE_STYLE: Record<string, (s: string) => string> = {
  waiting: (s) => paint().black.bgYellow.bold(s),
  working: (s) => paint().green(s),
  idle: (s) => paint().cyan(s),
  exited: (s) => paint().gray(s),
  blocked: (s) => paint().red(s),
};

function stateCell(task: Task): Cell {
  const waitsOnOthers = (task.state === 'pending' || task.state === 'blocked') && task.detail;
  const text = task.state === 'exited' && task.exitStatus !== undefined ? `exited ${task.exitStatus}` : waitsOnOthers ? `${task.state} (${task.detail})` : task.state;
  return { text, style: STATE_STYLE[task.state] ?? ((s: string) => s) };
}

function promptCell(task: Task): string {
  return task.state === 'waiting' && task.detail ? `⚑ ${task.detail}` : task.prompt;
}

// On a narrow terminal PROMPT is cut first, then DIR (its end shows), a long STATE (what it waits
// for) and NAME, each down to a minimum; then AGENT and WHERE are left out.
const COLUMNS: Column[] = [
  { header: 'NAME', shrink: 4, min: 12 },
  { header: 'STATE', shrink: 3, min: 16 },
  { header: 'FOR' },
  { header: 'WHERE', drop: 2 },
  { header: 'AGENT', drop: 1 },
  { header: 'DIR', shrink: 2, min: 16, keepEnd: true },
  { header: 'PROMPT', shrink: 1, min: 20 },
];

function shortDir(dir: string): string {
  const home = process.env.HOME;
  return home && dir.startsWith(`${home}/`) ? `~${dir.slice(home.length)}` : dir;
}

/** The tasks on the server, or undefined when no server runs (a list is lenient: that is no tasks, said kindly). */
async function listServerTasks(): Promise<Task[] | undefined> {
  try {
    return await listTasks({ strict: true });
  } catch (error) {
    if (error instanceof NoServerError) return undefined;
    throw error;
  }
}

/** --session names one thing: a session that is not there is an error, not an empty list. */
async function requireSession(name: string): Promise<void> {
  const sessions = await listSessions();
  if (sessions.some((s) => s.name === name || s.id === name)) return;
  const names = sessions.map((s) => quoteForShell(s.name));
  const fix = names.length ? `pick one of ${names.slice(0, 8).join(', ')}, or leave out --session` : 'it has no sessions yet; start a task with `cpx new <name>`';
  throw new UsageError(`no session '${name}' on this tmux server: ${fix}`);
}

function noTasksLine(options: LsOptions, serverRunning: boolean): string {
  const start = 'start one with `cpx new <name> "<prompt>"`';
  if (!serverRunning) {
    const socket = serverSocket();
    return `${socket ? `no tmux server on socket '${socket}'` : 'no tmux server is running'}: no tasks yet; ${start}${socket ? ' (or check the -L/CPX_SOCKET name)' : ''}`;
  }
  if (options.waiting) return 'no task is waiting for you';
  return options.session ? `no tasks in session '${options.session}' yet: start one with \`cpx new <name> --session ${quoteForShell(options.session)} "<prompt>"\`` : `no tasks yet: ${start}`;
}

export default async function ls(options: LsOptions): Promise<number> {
  const listed = await listServerTasks();
  let tasks = listed ?? [];
  // A watcher killed by hand comes back with the next cpx call (a broken config.yaml is said instead).
  if (tasks.length) await ensureWatcherQuietly(tasks[0]);
  if (options.session) {
    tasks = tasks.filter((t) => t.session === options.session || t.sessionRef === options.session);
    if (!tasks.length && listed) await requireSession(options.session);
  }
  if (options.waiting) tasks = tasks.filter((t) => t.state === 'waiting').sort((a, b) => a.since - b.since);
  if (options.json) {
    printJson(tasks.map(taskJson));
    return 0;
  }
  if (!tasks.length) {
    print(noTasksLine(options, listed !== undefined));
    return 0;
  }
  const now = Date.now();
  const rows = tasks.map((t) => [
    t.name, stateCell(t), formatDuration((now - t.since) / 1000), where(t), t.agent, shortDir(t.dir), promptCell(t),
  ]);
  for (const line of formatTable(COLUMNS, rows)) print(line);
  return 0;
}
