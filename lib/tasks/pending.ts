// Pending tasks (`after:`): their pane shows what it waits for and what it will run, and the watcher
// starts the agent in it once the prerequisites finished, from the launch saved on the pane.
import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cut } from '../core/output.js';
import { stateDir } from '../core/paths.js';
import { batch, run } from '../tmux/runner.js';
import type { AgentLaunch } from './agents.js';
import { OPTION } from './task.js';
import { taskEnv, wrappedArgv } from './task-env.js';
import { sendText } from './typing.js';

export interface DeferredLaunch {
  dir: string;
  env: Record<string, string>;
  argv: string[];
  typePrompt?: string;
  /** The text file the pane shows while it waits (tail -f), if it could be written. */
  notice?: string;
}

interface PendingInput {
  name: string;
  dir: string;
  prompt: string;
  after?: string[];
  env?: Record<string, string>;
}

/** What the pane says while it waits: for which tasks, and what it will run then. */
function noticeText(input: PendingInput, launch: AgentLaunch): string {
  const after = (input.after ?? []).map((n) => `'${n}'`).join(' and ');
  const program = launch.agent === 'cmd' ? launch.argv[0].split('/').pop() : launch.agent;
  const then = input.prompt ? `${program} "${cut(input.prompt.trim(), 57)}"` : program;
  return `cpx: '${input.name}' starts when ${after} ${input.after?.length === 1 ? 'is' : 'are'} done\n`
    + `     (idle after a turn, exited 0, or \`cpx done\`)\nthen: ${then}\n`;
}

/**
 * The pane's program until the watcher starts the agent: `tail -f` of a private notice file (no
 * shell, nearly no memory), or of /dev/null when the state folder cannot be written.
 */
export function pendingProgram(input: PendingInput, launch: AgentLaunch, agentSessionId: string): { argv: string[]; notice?: string } {
  try {
    const dir = join(stateDir(), 'pending');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    pruneNotices(dir);
    const notice = join(dir, `${agentSessionId}.txt`);
    writeFileSync(notice, noticeText(input, launch), { mode: 0o600 });
    return { argv: ['tail', '-n', '+1', '-f', notice], notice };
  } catch {
    return { argv: ['tail', '-f', '/dev/null'] };
  }
}

/** Notices of tasks killed while pending stay behind: drop those days old (a pane keeps its open copy). */
function pruneNotices(dir: string): void {
  for (const file of readdirSync(dir)) {
    try {
      if (Date.now() - statSync(join(dir, file)).mtimeMs > 2 * 86_400_000) rmSync(join(dir, file), { force: true });
    } catch { /* gone already */ }
  }
}

export function deferredLaunch(input: PendingInput, launch: AgentLaunch, notice?: string): DeferredLaunch {
  return { dir: input.dir, env: taskEnv(input), argv: wrappedArgv(launch), typePrompt: launch.typePrompt, ...(notice ? { notice } : {}) };
}

async function readLaunch(paneId: string): Promise<DeferredLaunch> {
  return JSON.parse((await run(['show-options', '-pqv', '-t', paneId, '@cpx_launch'])).trim()) as DeferredLaunch;
}

/** Start the agent of a pending task in its pane (called by the watcher when its prerequisites finished). */
export async function launchPending(paneId: string): Promise<void> {
  const launch = await readLaunch(paneId);
  const env = Object.entries(launch.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  await batch([
    ['set-option', '-p', '-t', paneId, OPTION.created, String(Date.now())],
    ['respawn-pane', '-k', '-t', paneId, '-c', launch.dir, ...env, '--', ...launch.argv],
  ]);
  if (launch.notice) rmSync(launch.notice, { force: true });
  if (launch.typePrompt) await sendText(paneId, launch.typePrompt, { enter: true });
}

/** A pending task that will not start (a prerequisite failed): its pane says why. */
export async function noteBlocked(paneId: string, name: string, why: string): Promise<void> {
  const launch = await readLaunch(paneId);
  if (!launch.notice) return;
  appendFileSync(launch.notice, `\n✗ '${name}' will not start: ${why}.\n  Fix it, then start this task again: cpx kill '${name}', and cpx up (or cpx new).\n`);
}
