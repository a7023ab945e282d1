// Pending tasks (`after:`): their pane waits on a placeholder, and the watcher starts the agent in it
// once the prerequisites finished, from the launch saved on the pane.
import { batch, run } from '../tmux/runner.js';
import type { AgentLaunch } from './agents.js';
import { OPTION } from './task.js';
import { taskEnv, wrappedArgv } from './task-env.js';
import { sendText } from './typing.js';

// A pending task's pane runs this until the watcher starts the agent in it.
export const PLACEHOLDER = ['tail', '-f', '/dev/null'];

export interface DeferredLaunch {
  dir: string;
  env: Record<string, string>;
  argv: string[];
  typePrompt?: string;
}

export function deferredLaunch(input: { name: string; dir: string; env?: Record<string, string> }, launch: AgentLaunch): DeferredLaunch {
  return { dir: input.dir, env: taskEnv(input), argv: wrappedArgv(launch), typePrompt: launch.typePrompt };
}

/** Start the agent of a pending task in its pane (called by the watcher when its prerequisites finished). */
export async function launchPending(paneId: string): Promise<void> {
  const raw = (await run(['show-options', '-pqv', '-t', paneId, '@cpx_launch'])).trim();
  const launch = JSON.parse(raw) as DeferredLaunch;
  const env = Object.entries(launch.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  await batch([
    ['set-option', '-p', '-t', paneId, OPTION.created, String(Date.now())],
    ['respawn-pane', '-k', '-t', paneId, '-c', launch.dir, ...env, '--', ...launch.argv],
  ]);
  if (launch.typePrompt) await sendText(paneId, launch.typePrompt, { enter: true });
}
