// Starting a task: pick the session, open a pane, label it, then run the agent in it.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { BUILTIN_AGENTS, planLaunch, type AgentLaunch } from './agents.js';
import { borderText, windowOptionCommands } from './border.js';
import { CpxError, UsageError } from '../core/errors.js';
import { appendJournal } from './journal.js';
import { findOnPath } from '../core/programs.js';
import { quoteForShell } from '../core/shell-words.js';
import { findAgentCommand } from '../detect/profiles.js';
import { claimNameCommands, isDuplicateSession, isNameTaken, releaseNameCommands } from './name-lock.js';
import { chooseProjectSession, findCurrentSession, findSessionByName, projectDir, type SessionRef } from './sessions.js';
import { encodeText, listTasks, OPTION, validateTaskName, where } from './task.js';
import { batch, run, serverSocket } from '../tmux/runner.js';
import { sendText } from './typing.js';
import { pendingDetail } from './dependencies.js';
import { deferredLaunch, pendingProgram } from './pending.js';
import { envFlags, taskEnv, withEnv, wrappedArgv } from './task-env.js';

export interface NewTaskInput {
  name: string;
  prompt: string;
  dir: string;
  agent?: string;
  cmd?: string;
  pane?: boolean;
  session?: string;
  extraArgs?: string[];
  env?: Record<string, string>;
  /** Start only after these tasks (same session) have finished: the pane waits as `pending`. */
  after?: string[];
  /** Layout the task came from (for `cpx down` and `cpx save`). */
  layout?: string;
  cmdArgv?: string[];
  /** What the agent receives when it differs from `prompt` (grounding in front); `prompt` stays the task's own. */
  fullPrompt?: string;
  /** Grounding and definition details kept on the pane for `cpx save`. */
  definition?: Record<string, unknown>;
  /** Open the pane in this window (id) instead of a new window; `windowName` names a new window. */
  intoWindow?: string;
  windowName?: string;
}

/** What a caller starting many tasks already knows, to save tmux calls. */
export interface StartContext {
  session?: SessionRef;
  /** Names already taken in that session. */
  taken?: Set<string>;
}

export interface StartedTask {
  name: string;
  paneId: string;
  windowId: string;
  session: string;
  sessionRef: string;
  where: string;
  agent: string;
  agentSessionId: string;
  createdSession: boolean;
}

interface Target {
  session?: SessionRef;
  createName?: string;
  project: string;
}

const CREATED_FORMAT = '#{session_id}\t#{session_name}\t#{window_id}\t#{pane_id}\t#{window_index}\t#{pane_index}';

export function requireDirectory(dir: string): string {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new UsageError(`directory '${dir}' does not exist: create it or pass an existing --dir`);
  }
  if (!stat.isDirectory()) throw new UsageError(`'${dir}' is not a directory: pass a directory to --dir`);
  return dir;
}

// tmux's session_check_name turns ':' and '.' into '_' and rewrites a backslash, '$' before a
// letter, '_' or '{', and C1 controls as escapes: such a session could never be found by its name.
export function validateSessionName(name: string): string {
  if (!name || /[:.\\$\x00-\x1f\x7f-\x9f]/.test(name)) {
    throw new UsageError(`session name ${JSON.stringify(name)} is not usable by tmux (no ':', '.', '\\', '$' or control characters): pick another --session`);
  }
  return name;
}

async function resolveTarget(input: NewTaskInput): Promise<Target> {
  const project = projectDir(input.dir);
  if (input.session) {
    const session = await findSessionByName(validateSessionName(input.session));
    return { session, createName: session ? undefined : input.session, project };
  }
  const current = await findCurrentSession();
  if (current) return { session: current, project };
  return { ...(await chooseProjectSession(project)), project };
}

async function refuseDuplicate(name: string, session: SessionRef): Promise<void> {
  const existing = (await listTasks()).find((t) => t.sessionRef === session.id && t.name === name);
  if (existing) {
    throw new UsageError(`task '${name}' already exists in ${where(existing)} (pane ${existing.paneId}): pick another name, or \`cpx kill ${quoteForShell(name)}\` first`);
  }
}

interface Opening {
  command: string[];
  /** Where the new pane will be, as a target valid inside the same tmux call. */
  target: string;
  windowTarget: string;
}

/**
 * The command that opens the pane running the agent, and a target for it that later commands of the
 * same tmux call can use: options set in the same call land before the program can exit, so
 * remain-on-exit catches even an instant failure (a separate call would race it).
 */
async function planOpening(input: NewTaskInput, target: Target, argv: string[], size?: { columns: number; rows: number }): Promise<Opening> {
  // -c, -n and -s are format-expanded by tmux: the runner makes them literal (lib/tmux/format.ts).
  const common = ['-d', '-P', '-F', CREATED_FORMAT, '-c', input.dir, ...envFlags(input)];
  if (!target.session) {
    const dims = size ? ['-x', String(size.columns), '-y', String(size.rows)] : [];
    const where = `=${target.createName}:`;
    // new-session -e would set the variables for the whole session, and so for every later task in it:
    // this task's variables go on its own command line instead (env(1), no shell).
    const own = ['-d', '-P', '-F', CREATED_FORMAT, '-c', input.dir];
    return { command: ['new-session', ...own, ...dims, '-s', target.createName!, '-n', input.windowName ?? input.name, '--', ...withEnv(argv, taskEnv(input))], target: where, windowTarget: where };
  }
  if (input.pane || input.intoWindow) {
    const out = await run(['list-panes', '-t', input.intoWindow ?? `${target.session.id}:`, '-F', '#{window_id}\t#{pane_id}\t#{pane_index}']);
    const rows = out.trim().split('\n').map((l) => l.split('\t'));
    const last = rows.reduce((a, b) => (Number(b[2]) > Number(a[2]) ? b : a));
    // split-window puts the new pane right after the target: split the highest-numbered pane.
    // The target names the session: a bare pane id could resolve to the watcher's session, which
    // links the same window, and -P would then report that session.
    return {
      command: ['split-window', ...common, '-t', `${target.session.id}:${last[0]}.${last[2]}`, '--', ...argv],
      target: `${last[0]}.${Number(last[2]) + 1}`,
      windowTarget: last[0],
    };
  }
  const end = `${target.session.id}:{end}`;
  return { command: ['new-window', ...common, '-a', '-t', end, '-n', input.windowName ?? input.name, '--', ...argv], target: end, windowTarget: end };
}

function labelCommands(paneTarget: string, input: NewTaskInput, launch: AgentLaunch, agentSessionId: string, notice?: string): string[][] {
  const now = String(Date.now());
  const set = (option: string, value: string) => ['set-option', '-p', '-t', paneTarget, option, value];
  const pending = input.after?.length ? [
    set('@cpx_after', JSON.stringify(input.after)),
    set(OPTION.detail, JSON.stringify(pendingDetail(input.after))),
    set('@cpx_detail_label', borderText(pendingDetail(input.after))),
    set('@cpx_launch', JSON.stringify(deferredLaunch(input, launch, notice))),
  ] : [];
  return [
    ...pending,
    ...(input.layout ? [set('@cpx_layout', input.layout)] : []),
    ...(input.definition ? [set('@cpx_def', JSON.stringify(input.definition))] : []),
    set(OPTION.name, input.name),
    set(OPTION.label, borderText(input.name)),
    set(OPTION.prompt, encodeText(input.prompt)),
    set(OPTION.agent, launch.agent),
    set(OPTION.dir, encodeText(input.dir)),
    set(OPTION.agentSessionId, agentSessionId),
    set(OPTION.created, now),
    set(OPTION.state, input.after?.length ? 'pending' : 'unknown'),
    set(OPTION.since, now),
    set('remain-on-exit', 'on'),
  ];
}

export async function startTask(input: NewTaskInput, size?: { columns: number; rows: number }, context: StartContext = {}): Promise<StartedTask> {
  validateTaskName(input.name);
  requireDirectory(input.dir);
  const agentSessionId = randomUUID();
  const custom = input.agent && !BUILTIN_AGENTS.includes(input.agent) ? await findAgentCommand(input.agent) : undefined;
  const launch = planLaunch({ ...input, prompt: input.fullPrompt ?? input.prompt, agentSessionId, custom });
  if (!findOnPath(launch.argv[0])) {
    // The fix is where the task was defined: the layout file's keys, or cpx new's flags.
    const other = input.layout ? "change the task's agent: or cmd: in the layout" : 'pick another agent with --agent/--cmd';
    throw new CpxError(`'${launch.argv[0]}' is not on PATH: install it, or ${other} (see \`cpx doctor\`)`);
  }
  for (let attempt = 1; ; attempt++) {
    const target = context.session ? { session: context.session, project: projectDir(input.dir) } : await resolveTarget(input);
    if (context.taken?.has(input.name)) throw new UsageError(`task '${input.name}' already exists in ${target.session?.name}: pick another name`);
    try {
      return await openTask(input, target, launch, agentSessionId, size);
    } catch (error) {
      // Parallel `cpx new`: another one made the session first (join it), or took the name (say where).
      if (isNameTaken(error)) await refuseDuplicate(input.name, target.session!);
      else if (!isDuplicateSession(error) || context.session) throw error;
      if (attempt >= 5) throw error;
    }
  }
}

/** Open, label and journal the task's pane in one tmux call that also claims its name in the session. */
async function openTask(input: NewTaskInput, target: Target, launch: AgentLaunch, agentSessionId: string, size?: { columns: number; rows: number }): Promise<StartedTask> {
  const pending = input.after?.length ? pendingProgram(input, launch, agentSessionId) : undefined;
  const opening = await planOpening(input, target, pending?.argv ?? wrappedArgv(launch), size);
  const commands = [opening.command, ...labelCommands(opening.target, input, launch, agentSessionId, pending?.notice), ...windowOptionCommands(opening.windowTarget)];
  if (target.session) {
    commands.unshift(...claimNameCommands(target.session.id, input.name));
    commands.push(...releaseNameCommands(target.session.id));
  } else {
    // cpx's own session: make sure a waiting task's bell reaches the terminal.
    const session = `=${target.createName}:`;
    commands.push(['set-option', '-t', session, '@cpx_project', target.project], ['set-option', '-t', session, 'bell-action', 'any']);
  }
  if (input.pane && target.session) commands.push(['select-layout', '-t', opening.windowTarget, 'tiled']);
  const created = (await batch(commands)).trim().split('\t');
  const [sessionRef, session, windowId, paneId, windowIndex, paneIndex] = created;
  if (launch.typePrompt && !input.after?.length) await sendText(paneId, launch.typePrompt, { enter: true });
  appendJournal({
    ...(input.after?.length ? { after: input.after } : {}), ...(input.layout ? { layout: input.layout } : {}),
    event: 'new', task: input.name, session, socket: serverSocket(), pane: paneId, prompt: input.prompt,
    dir: input.dir, agent: launch.agent, argv: launch.argv, agentSessionId,
  });
  return {
    name: input.name, paneId, windowId, session, sessionRef, where: `${session}:${windowIndex}.${paneIndex}`,
    agent: launch.agent, agentSessionId, createdSession: !target.session,
  };
}
