// cpx next: go to the task that has waited longest; the next call goes to the next one.
import { CpxError, UsageError } from '../core/errors.js';
import { paint, print, formatDuration } from '../core/output.js';
import { listTasks, paneTarget } from '../tasks/task.js';
import { run, runInteractive, serverSocket, serverSocketPath } from '../tmux/runner.js';

export default async function next(options: { quiet?: boolean }): Promise<number> {
  const waiting = (await listTasks()).filter((t) => t.state === 'waiting').sort((a, b) => a.since - b.since);
  if (!waiting.length) {
    if (!options.quiet) process.stderr.write('cpx: no task is waiting for you\n');
    return 1;
  }
  const last = (await run(['show-options', '-gqv', '@cpx_next_last'])).trim();
  const after = waiting.findIndex((t) => t.paneId === last);
  const task = waiting[(after + 1) % waiting.length];
  await run(['set-option', '-g', '@cpx_next_last', task.paneId]);
  const inside = Boolean(process.env.TMUX) && !serverSocket() && !serverSocketPath();
  if (!inside && !process.stdin.isTTY) throw new UsageError('next needs a terminal on stdin outside tmux: run it from an interactive shell');
  if (!options.quiet) print(`${paint().yellow('→')} ${task.name} (waiting ${formatDuration((Date.now() - task.since) / 1000)}${task.detail ? `: ${task.detail}` : ''})`);
  const target = paneTarget(task);
  const go = [['select-window', '-t', target], ['select-pane', '-t', target]];
  const code = runInteractive([...go, [inside ? 'switch-client' : 'attach-session', '-t', target]]);
  if (code !== 0) throw new CpxError(`tmux could not switch to '${task.name}' (${task.paneId})`);
  return 0;
}
