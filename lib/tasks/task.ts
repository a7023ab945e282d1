// Tasks live in tmux: one pane each, described by @cpx_* pane options read in one list-panes call.
import { UnknownTaskError, UsageError } from '../core/errors.js';
import { quoteVisibly } from '../core/output.js';
import { run, runLenient } from '../tmux/runner.js';

export type TaskState = 'working' | 'waiting' | 'idle' | 'exited' | 'unknown' | 'pending' | 'blocked';

export interface Task {
  name: string;
  paneId: string;
  session: string;
  sessionRef: string; // tmux $id
  windowId: string;
  windowIndex: number;
  paneIndex: number;
  state: TaskState;
  /** Epoch milliseconds when the task entered its state. */
  since: number;
  detail: string;
  choices: string[];
  agent: string;
  dir: string;
  prompt: string;
  agentSessionId: string;
  created: number;
  dead: boolean;
  exitStatus?: number;
  pid: number;
  title: string;
  /** Server-wide: the pid of the watcher that owns this server, and the server's socket. */
  watcherPid: number;
  socketPath: string;
  /** The layout that started it, and the tasks it starts after. */
  layout: string;
  after: string[];
  windowName: string;
  /** How it was defined (agent args, env, grounding, window), for `cpx save`. */
  definition: Record<string, unknown>;
}

/** Pane options that hold a task's definition; free text is JSON-encoded so tabs and newlines cannot break a -F line. */
export const OPTION = {
  name: '@cpx_task',
  label: '@cpx_label',
  prompt: '@cpx_prompt',
  agent: '@cpx_agent',
  dir: '@cpx_dir',
  agentSessionId: '@cpx_session_id',
  created: '@cpx_created',
  state: '@cpx_state',
  since: '@cpx_since',
  detail: '@cpx_detail',
  choices: '@cpx_choices',
} as const;

const FIELDS = [
  'pane_id', 'session_name', 'session_id', 'window_id', 'window_index', 'pane_index', 'pane_dead', 'pane_dead_status',
  'pane_pid', OPTION.name, OPTION.state, OPTION.since, OPTION.detail, OPTION.choices, OPTION.agent, OPTION.dir,
  OPTION.prompt, OPTION.agentSessionId, OPTION.created, '@cpx_watcher', 'socket_path', '@cpx_layout', '@cpx_after',
  '@cpx_def', 'window_name', 'pane_title',
];
const FORMAT = FIELDS.map((f) => `#{${f}}`).join('\t');
// Task panes, but not their second listing under the watcher's own session (lib/watch/follow.ts).
export const TASK_FILTER = `#{&&:#{${OPTION.name}},#{?#{@cpx_watch},0,1}}`;

export function encodeText(text: string): string {
  return JSON.stringify(text);
}

export function decodeText(value: string): string {
  if (!value) return '';
  try {
    const parsed = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : String(parsed);
  } catch {
    return value;
  }
}

function decodeObject(value: string): Record<string, unknown> {
  try {
    const parsed = value ? JSON.parse(value) : {};
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** A JSON list stored in a pane option; anything else reads as empty. */
export function decodeList(value: string): string[] {
  try {
    const parsed = value ? JSON.parse(value) : [];
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export function parseTaskLine(line: string): Task {
  const cells = line.split('\t');
  const get = (field: string) => cells[FIELDS.indexOf(field)] ?? '';
  const dead = get('pane_dead') === '1';
  const exit = get('pane_dead_status');
  const created = Number(get(OPTION.created)) || 0;
  return {
    name: get(OPTION.name),
    paneId: get('pane_id'),
    session: get('session_name'),
    sessionRef: get('session_id'),
    windowId: get('window_id'),
    windowIndex: Number(get('window_index')),
    paneIndex: Number(get('pane_index')),
    state: dead ? 'exited' : ((get(OPTION.state) || 'unknown') as TaskState),
    since: Number(get(OPTION.since)) || created,
    detail: decodeText(get(OPTION.detail)),
    choices: decodeList(get(OPTION.choices)),
    agent: get(OPTION.agent),
    dir: decodeText(get(OPTION.dir)),
    prompt: decodeText(get(OPTION.prompt)),
    agentSessionId: get(OPTION.agentSessionId),
    created,
    dead,
    exitStatus: dead && exit !== '' ? Number(exit) : undefined,
    pid: Number(get('pane_pid')),
    watcherPid: Number(get('@cpx_watcher')) || 0,
    socketPath: get('socket_path'),
    layout: get('@cpx_layout'),
    after: decodeList(get('@cpx_after')),
    windowName: get('window_name'),
    definition: decodeObject(get('@cpx_def')),
    title: cells.slice(FIELDS.length - 1).join('\t'),
  };
}

async function readTasks(strict: boolean): Promise<Task[]> {
  const argv = ['list-panes', '-a', '-f', TASK_FILTER, '-F', FORMAT];
  const out = strict ? await run(argv) : await runLenient(argv);
  return (out ?? '').split('\n').filter(Boolean).map(parseTaskLine);
}

/** Every task on the server; no server means no tasks (unless `strict`, then NoServerError). */
export async function listTasks(options: { strict?: boolean } = {}): Promise<Task[]> {
  const strict = Boolean(options.strict);
  const tasks = await readTasks(strict);
  if (!tasks.some((t) => t.dead && t.exitStatus === undefined)) return tasks;
  // tmux 3.3a can miss the SIGCHLD of a program that exits at once, leaving a zombie and no exit
  // status; another SIGCHLD makes it reap every exited child.
  const pid = Number((await run(['display-message', '-p', '#{pid}'])).trim());
  if (!(pid > 1)) return tasks;
  process.kill(pid, 'SIGCHLD');
  await new Promise((resolve) => setTimeout(resolve, 20));
  return readTasks(strict);
}

export async function findTaskByPane(paneId: string): Promise<Task | undefined> {
  const out = await run(['display-message', '-p', '-t', paneId, FORMAT]);
  const task = parseTaskLine(out.replace(/\n$/, ''));
  return task.name ? task : undefined;
}

/**
 * The task called `name`. Names are unique per tmux session; when several sessions have one,
 * `session` (or the current/project session) decides, else it is ambiguous.
 */
export function requireTask(tasks: Task[], name: string, session?: string): Task {
  const named = tasks.filter((t) => t.name === name);
  const inSession = session ? named.filter((t) => t.session === session || t.sessionRef === session) : named;
  if (inSession.length === 1) return inSession[0];
  if (inSession.length > 1 || (named.length > 1 && !session)) {
    const where = named.map((t) => t.session).join(', ');
    throw new UsageError(`task name '${name}' is in several sessions (${where}): add --session <name>`);
  }
  if (named.length === 1 && !session) return named[0];
  throw new UnknownTaskError(name, [...new Set(tasks.map((t) => t.name))]);
}

/** Task names are labels: any printable text, no control characters. */
// Characters a name may not hold: controls (C0, C1), line and paragraph separators, and format
// characters (zero-width spaces, bidi overrides) that make two names look alike or text run backwards.
// The zero-width joiner stays: emoji such as 👩‍💻 are made with it.
const HIDDEN_CHARACTER = /[\p{Cc}\p{Zl}\p{Zp}]|(?!\u200d)\p{Cf}/u;
const MAX_NAME_GRAPHEMES = 100;

function graphemeCount(text: string): number {
  if (text.length > MAX_NAME_GRAPHEMES * 16) return text.length; // long past the limit (and Segmenter is slow on long text)
  let count = 0;
  for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) count++;
  return count;
}

/** Why `name` cannot name a task, and the fix; undefined when it can. */
export function taskNameProblem(name: string): { problem: string; fix: string } | undefined {
  if (!name.trim()) return { problem: 'is empty', fix: 'give a name such as `auth` or "sign up"' };
  const hidden = HIDDEN_CHARACTER.exec(name)?.[0];
  if (hidden !== undefined) {
    const code = `U+${hidden.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const what = /\p{Cc}/u.test(hidden) ? 'a control character (tab, newline…)' : 'an invisible or direction-changing character';
    return { problem: `has ${what} (${code}) in ${quoteVisibly(name)}`, fix: 'use visible text' };
  }
  if (!/[\p{L}\p{N}\p{P}\p{S}]/u.test(name)) return { problem: `has nothing visible in ${quoteVisibly(name)}`, fix: 'give a name such as `auth`' };
  if (graphemeCount(name) > MAX_NAME_GRAPHEMES) return { problem: `is longer than ${MAX_NAME_GRAPHEMES} characters`, fix: 'use a shorter label' };
  return undefined;
}

export function validateTaskName(name: string): string {
  const wrong = taskNameProblem(name);
  if (wrong) throw new UsageError(`task name ${wrong.problem}: ${wrong.fix}`);
  return name;
}

/**
 * A target that names the task's own session: a bare %id may resolve to the watcher's grouped
 * session, which shares the window.
 */
export function paneTarget(task: Pick<Task, 'sessionRef' | 'windowId' | 'paneId'>): string {
  return `${task.sessionRef}:${task.windowId}.${task.paneId}`;
}

export function where(task: Task): string {
  return `${task.session}:${task.windowIndex}.${task.paneIndex}`;
}
