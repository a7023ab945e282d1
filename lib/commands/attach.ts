// cpx attach [name]: go to a task (switch-client inside tmux, attach-session outside).
import { resolve } from 'node:path';
import { CpxError, UsageError } from '../core/errors.js';
import { requireNamedTask } from '../tasks/lookup.js';
import { paneTarget } from '../tasks/task.js';
import { findProjectSession, projectDir } from '../tasks/sessions.js';
import { runInteractive, serverSocket } from '../tmux/runner.js';

export default async function attach(name: string | undefined, options: { session?: string }): Promise<number> {
  const inside = Boolean(process.env.TMUX) && !serverSocket();
  if (!inside && !process.stdin.isTTY) {
    throw new UsageError('attach needs a terminal on stdin: run it from an interactive shell (not a pipe or script)');
  }
  let target: string;
  if (name) target = paneTarget(await requireNamedTask(name, options.session));
  else {
    // '=' makes tmux match the session name exactly instead of by prefix.
    const session = options.session ? `=${options.session}` : (await findProjectSession(projectDir(resolve(process.cwd()))))?.id;
    if (!session) throw new CpxError('no cpx session for this directory: name a task (`cpx attach <name>`) or see `cpx ls`');
    target = session;
  }
  const select = name ? [['select-window', '-t', target], ['select-pane', '-t', target]] : [];
  return runInteractive([...select, inside ? ['switch-client', '-t', target] : ['attach-session', '-t', target]]);
}
