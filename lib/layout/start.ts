// Stage 5 of a layout: its planned tasks started in one session (windows grouped, panes arranged).
import { planLayout, type PlannedTask } from './plan.js';
import type { Layout } from './schema.js';
import { startTask, validateSessionName, type StartContext } from '../tasks/launch.js';
import { findCurrentSession, findSessionByName, projectDir, projectSessionName } from '../tasks/sessions.js';
import { listTasks } from '../tasks/task.js';
import { paint } from '../core/output.js';
import { batch, serverSocket } from '../tmux/runner.js';

export interface StartedLayout {
  session: string;
  started: string[];
  skipped: string[];
  /** Started tasks that wait for others, as `name (after a, b)`. */
  pending: string[];
}

async function sessionName(layout: Layout, session: string | undefined): Promise<string> {
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

/** Start every task of the layout not already running in its session. */
export async function startLayout(layout: Layout, options: { session?: string } = {}): Promise<StartedLayout> {
  const plan = planLayout(layout);
  const session = await sessionName(layout, options.session);
  const existing = await findSessionByName(session);
  const names = existing ? (await listTasks()).filter((t) => t.sessionRef === existing.id).map((t) => t.name) : [];
  const context: StartContext = { session: existing, taken: new Set(names) };
  const windows = new Map<string, string>();
  const started: string[] = [];
  const skipped: string[] = [];
  const size = process.stdout.isTTY ? { columns: process.stdout.columns, rows: process.stdout.rows } : undefined;
  for (const planned of plan.tasks) {
    const t = planned.task;
    if (context.taken!.has(t.name)) { skipped.push(t.name); continue; }
    const group = windowGroup(planned, layout);
    const task = await startTask({
      name: t.name, prompt: t.prompt, fullPrompt: planned.prompt, dir: t.dir, agent: t.agent, cmdArgv: t.cmd,
      extraArgs: t.agentArgs, env: t.env, after: t.after, session, layout: layout.name,
      definition: definitionOf(planned, layout), intoWindow: group ? windows.get(group) : undefined, windowName: group,
    }, size, context);
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
  const lines = [`${paint().green('up')} ${paint().bold(layoutName)} in session ${session}: started ${started.length}${skipped.length ? `, already running: ${skipped.join(', ')}` : ''}`];
  if (pending.length) lines.push(`pending: ${pending.join('; ')}`);
  const socket = serverSocket() ? ` -L ${serverSocket()}` : '';
  // Quoted for the shell the user pastes it into (a session name may hold quotes or `$(…)`).
  const target = `'${session.replace(/'/g, "'\\''")}'`;
  if (!process.env.TMUX || serverSocket()) lines.push(`see them: cpx ls   attach: tmux${socket} attach -t ${target}`);
  return lines;
}
