// cpx up <layout>: start a layout's tasks; the ones with `after:` wait as pending until the watcher starts them.
import { findLayout } from '../layout/find.js';
import { showPath } from '../layout/paths.js';
import { formatPlan, planLayout, type PlannedTask } from '../layout/plan.js';
import type { Layout } from '../layout/schema.js';
import { loadLayout } from '../layout/validate.js';
import { startTask, validateSessionName, type StartContext } from '../launch.js';
import { paint, print, printJson } from '../output.js';
import { findCurrentSession, findSessionByName, projectDir, projectSessionName } from '../sessions.js';
import { listTasks } from '../tasks.js';
import { batch, serverSocket } from '../tmux.js';
import { ensureWatcher } from '../watcher.js';

interface UpOptions {
  dryRun?: boolean;
  session?: string;
  json?: boolean;
  /** Used by `cpx demo`: a layout file shipped with cpx. */
  file?: string;
}

async function sessionName(layout: Layout, options: UpOptions): Promise<string> {
  const name = options.session ?? layout.session;
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

export async function upLayout(layout: Layout, options: UpOptions): Promise<number> {
  const plan = planLayout(layout);
  const session = await sessionName(layout, options);
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
  if (started.length) await ensureWatcher();
  if (options.json) printJson({ layout: layout.name, file: layout.file, session, started, skipped });
  else {
    const pending = plan.tasks.filter((p) => !p.ready && started.includes(p.task.name)).map((p) => `${p.task.name} (after ${p.task.after.join(', ')})`);
    print(`${paint().green('up')} ${paint().bold(layout.name)} in session ${session}: started ${started.length}${skipped.length ? `, already running: ${skipped.join(', ')}` : ''}`);
    if (pending.length) print(`pending: ${pending.join('; ')}`);
    const socket = serverSocket() ? ` -L ${serverSocket()}` : '';
    if (!process.env.TMUX || serverSocket()) print(`see them: cpx ls   attach: tmux${socket} attach -t '${session}'`);
  }
  return 0;
}

export default async function up(nameOrPath: string, options: UpOptions): Promise<number> {
  const found = findLayout(nameOrPath, process.cwd());
  const layout = loadLayout(found.file, { cwd: process.cwd() });
  if (!options.json) print(`${paint().dim('layout:')} ${showPath(found.file)}`);
  if (options.dryRun) {
    for (const line of formatPlan(planLayout(layout))) print(line);
    return 0;
  }
  return upLayout(layout, options);
}
