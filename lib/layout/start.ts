// Stage 5 of a layout: its planned tasks started in one session (windows grouped, panes arranged).
import { planLayout, type PlannedTask } from './plan.js';
import type { Layout, LayoutTask } from './schema.js';
import { startTask, validateSessionName, type StartContext, type StartedTask } from '../tasks/launch.js';
import { appendJournal } from '../tasks/journal.js';
import { findAgentCommand } from '../detect/profiles.js';
import { findOnPath } from '../core/programs.js';
import { CpxError } from '../core/errors.js';
import { showPath } from './paths.js';
import { findCurrentSession, findSessionByName, projectDir, projectSessionName } from '../tasks/sessions.js';
import { listTasks } from '../tasks/task.js';
import { paint } from '../core/output.js';
import { cpxCommand } from '../core/invocation.js';
import { quoteAlways } from '../core/shell-words.js';
import { batch, run, serverSocket } from '../tmux/runner.js';

export interface StartedLayout {
  session: string;
  started: string[];
  skipped: string[];
  /** Started tasks that wait for others, as `name (after a, b)`. */
  pending: string[];
}

/** The session `cpx up` uses: --session, the layout's, the current one inside tmux, or the project's. */
export async function chooseLayoutSession(layout: Layout, session: string | undefined): Promise<string> {
  const name = session ?? layout.session;
  if (name) return validateSessionName(name);
  return (await findCurrentSession())?.name ?? projectSessionName(projectDir(layout.dir));
}

/** Which window a task goes to: its own, or a shared one (by `window:` or a pane arrangement). */
function windowGroup(planned: PlannedTask, layout: Layout): string | undefined {
  if (planned.task.window) return planned.task.window;
  return layout.arrange === 'windows' ? undefined : layout.name;
}

function definitionOf(planned: PlannedTask, layout: Layout): Record<string, unknown> {
  const t = planned.task;
  return {
    agentArgs: t.agentArgs, cmd: t.cmd, env: t.env, ground: t.groundText, groundFiles: t.groundFiles, window: t.window,
    arrange: layout.arrange, layoutFile: layout.file,
  };
}

/** The program a task will run, for the PATH check (the layout's own file stays the place to fix it). */
async function programOf(task: LayoutTask): Promise<string | undefined> {
  if (task.cmd) return task.cmd[0];
  if (task.agent === 'demo') return undefined; // shipped with cpx
  if (task.agent === 'shell') return process.env.SHELL || '/bin/sh';
  if (!task.agent || task.agent === 'claude') return 'claude';
  return (await findAgentCommand(task.agent))?.[0];
}

/** Everything that would make a task fail to start, found before the first one starts. */
export async function checkStartable(layout: Layout): Promise<void> {
  for (const task of layout.tasks) {
    const program = await programOf(task);
    if (program && !findOnPath(program)) {
      throw new CpxError(`${showPath(layout.file)}: task '${task.name}' runs '${program}', which is not on PATH: install it, or change the task's agent: or cmd: in the layout`, { exitCode: 2 });
    }
  }
}

/** End the panes this run started (ours, seconds old) when a later one fails: nothing stays half-started. */
async function undoStarted(started: StartedTask[]): Promise<void> {
  for (const task of started) {
    // One kill-pane per call: tmux 3.3a could crash on several in one command list.
    await run(['kill-pane', '-t', task.paneId]).catch(() => undefined);
    appendJournal({ event: 'kill', task: task.name, session: task.session, socket: serverSocket(), pane: task.paneId, reason: 'layout start failed' });
  }
}

/** Start every task of the layout not already running in its session; all of them, or none. */
export async function startLayout(layout: Layout, options: { session?: string } = {}): Promise<StartedLayout> {
  await checkStartable(layout);
  const plan = planLayout(layout);
  const session = await chooseLayoutSession(layout, options.session);
  const existing = await findSessionByName(session);
  const names = existing ? (await listTasks()).filter((t) => t.sessionRef === existing.id).map((t) => t.name) : [];
  const context: StartContext = { session: existing, taken: new Set(names) };
  const windows = new Map<string, string>();
  const started: string[] = [];
  const skipped: string[] = [];
  const size = process.stdout.isTTY ? { columns: process.stdout.columns, rows: process.stdout.rows } : undefined;
  const opened: StartedTask[] = [];
  for (const planned of plan.tasks) {
    const t = planned.task;
    if (context.taken!.has(t.name)) { skipped.push(t.name); continue; }
    const group = windowGroup(planned, layout);
    const task = await startTask({
      name: t.name, prompt: t.prompt, fullPrompt: planned.prompt, dir: t.dir, agent: t.agent, cmdArgv: t.cmd,
      extraArgs: t.agentArgs, env: t.env, after: t.after, session, layout: layout.name,
      definition: definitionOf(planned, layout), intoWindow: group ? windows.get(group) : undefined, windowName: group,
    }, size, context).catch(async (error: unknown) => {
      await undoStarted(opened);
      const undone = opened.length ? `; the ${opened.length} task(s) started before it were ended again` : '';
      throw new CpxError(`${showPath(layout.file)}: task '${t.name}' could not start: ${(error as Error).message}${undone}`, { exitCode: error instanceof CpxError ? error.exitCode : 1, cause: error });
    });
    opened.push(task);
    if (group && !windows.has(group)) windows.set(group, task.windowId);
    context.session = { id: task.sessionRef, name: task.session };
    context.taken!.add(t.name);
    started.push(t.name);
  }
  const arrange = [...windows.values()].map((w) => ['select-layout', '-t', w, layout.arrange === 'windows' ? 'tiled' : layout.arrange]);
  if (arrange.length) await batch(arrange);
  const pending = plan.tasks.filter((p) => !p.ready && started.includes(p.task.name)).map((p) => `${p.task.name} (after ${p.task.after.join(', ')})`);
  return { session, started, skipped, pending };
}

/** What `cpx up` (and `cpx demo`) say after starting a layout. */
export function formatStarted(layoutName: string, { session, started, skipped, pending }: StartedLayout): string[] {
  const running = started.length - pending.length;
  const parts = [
    ...(running || (!pending.length && !skipped.length) ? [`started ${running}`] : []),
    ...(pending.length ? [`${pending.length} ${pending.length === 1 ? 'waits' : 'wait'}: ${pending.join('; ')}`] : []),
    ...(skipped.length ? [`already running: ${skipped.join(', ')}`] : []),
  ];
  const lines = [`${paint().green('up')} ${paint().bold(layoutName)} in session ${session}: ${parts.join('; ')}`];
  const socket = serverSocket() ? ` -L ${serverSocket()}` : '';
  const target = quoteAlways(session); // a session name may hold quotes or `$(…)`
  if (!process.env.TMUX || serverSocket()) lines.push(`see them: ${cpxCommand()} ls   attach: tmux${socket} attach -t ${target}`);
  return lines;
}
