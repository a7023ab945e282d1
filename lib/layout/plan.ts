// What `cpx up` will do, in order: each task with the exact prompt its agent receives.
import { orderTasks } from './graph.js';
import { findInside, showPath } from './paths.js';
import type { Layout, LayoutTask } from './schema.js';
import { quoteForShell } from '../core/shell-words.js';
import { UsageError } from '../core/errors.js';
import { promptSizeProblem } from '../tasks/agents.js';

export interface PlannedTask {
  task: LayoutTask;
  /** No `after`: start it right away; otherwise start it when its dependencies are done. */
  ready: boolean;
  /** The prompt as the agent receives it: grounding first, then the task's prompt. */
  prompt: string;
}

export interface Plan {
  layout: Layout;
  /** Dependencies before the tasks that wait for them; file order otherwise. */
  tasks: PlannedTask[];
}

export function planLayout(layout: Layout): Plan {
  const tasks = orderTasks(layout.tasks).map((task) => ({ task, ready: task.after.length === 0, prompt: composePrompt(task) }));
  for (const { task, prompt } of tasks) {
    const problem = task.agent === 'shell' ? undefined : promptSizeProblem(prompt);
    if (problem) throw new UsageError(`${showPath(layout.file)}: task '${task.name}': ${problem}`);
  }
  return { layout, tasks };
}

/**
 * Grounding goes in front of the prompt so the agent reads it first and the user can see it:
 * layout ground, task ground, "Read these first: …", a blank line, the prompt.
 * A task without a prompt gets nothing (grounding alone is not a job), and neither does a
 * shell task, whose prompt is typed as a command line.
 */
export function composePrompt(task: LayoutTask): string {
  if (!task.prompt || task.agent === 'shell') return task.prompt;
  const files = task.groundFiles.map((file) => showGroundFile(file, task.dir));
  const header = [task.groundText, files.length ? `Read these first: ${files.join(', ')}` : ''].filter(Boolean).join('\n');
  return header ? `${header}\n\n${task.prompt}` : task.prompt;
}

/** Relative to the task's dir when inside it (what the agent sees as its working directory), else absolute. */
function showGroundFile(file: string, dir: string): string {
  return findInside(file, dir) || file;
}

/** Human lines for `cpx up --dry-run`. */
export function formatPlan(plan: Plan): string[] {
  const { layout } = plan;
  const session = layout.session ? `, session ${layout.session}` : '';
  // (`cpx up` has already said which file: the path is not repeated here.)
  const lines = [`plan for ${layout.name}: ${countTasks(plan.tasks.length)}, arrange ${layout.arrange}${session}`];
  plan.tasks.forEach((planned, index) => lines.push(...formatPlannedTask(planned, index + 1)));
  return lines;
}

/** `cpx up --dry-run --json`: the plan as one document, each prompt exactly as its agent receives it. */
export function planJson(plan: Plan, session: string): Record<string, unknown> {
  const { layout } = plan;
  return {
    dryRun: true, layout: layout.name, file: layout.file, session, arrange: layout.arrange,
    tasks: plan.tasks.map(({ task, ready, prompt }) => ({
      name: task.name, agent: task.cmd ? null : task.agent ?? 'claude', agentArgs: task.cmd ? [] : task.agentArgs, cmd: task.cmd ?? null,
      dir: task.dir, after: task.after, ready, window: task.window ?? null, env: task.env, prompt,
    })),
  };
}

function formatPlannedTask({ task, ready, prompt }: PlannedTask, number: number): string[] {
  const lines = [`${number}. ${task.name}${ready ? '' : `  (after ${task.after.join(', ')})`}`];
  const row = (label: string, value: string) => lines.push(`   ${label.padEnd(7)}${value}`);
  row('dir', showPath(task.dir));
  if (task.cmd) row('cmd', joinArgs(task.cmd));
  else row('agent', joinArgs([task.agent ?? 'claude', ...task.agentArgs]));
  if (task.window) row('window', task.window);
  const env = Object.entries(task.env);
  if (env.length) row('env', env.map(([key, value]) => `${key}=${quoteForShell(value)}`).join(' '));
  if (prompt) {
    lines.push('   prompt:');
    for (const line of prompt.split('\n')) lines.push(line ? `     ${line}` : '');
  }
  return lines;
}

function countTasks(count: number): string {
  return count === 1 ? '1 task' : `${count} tasks`;
}

function joinArgs(argv: string[]): string {
  return argv.map(quoteForShell).join(' ');
}

