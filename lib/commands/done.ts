// cpx done <name>: the user says a task is finished, so the tasks that run after it can start.
import { appendJournal } from '../tasks/journal.js';
import { requireNamedTask } from '../tasks/lookup.js';
import { paint, print } from '../core/output.js';
import { run, serverSocket } from '../tmux/runner.js';

export default async function done(name: string, options: { session?: string }): Promise<number> {
  const task = await requireNamedTask(name, options.session);
  await run(['set-option', '-p', '-t', task.paneId, '@cpx_done', '1']);
  appendJournal({ event: 'done', task: task.name, session: task.session, socket: serverSocket(), pane: task.paneId });
  print(`${paint().green('done')} ${paint().bold(task.name)}: tasks that run after it can start`);
  return 0;
}
