// cpx kill <name> | --all: end task panes and record it in the journal.
import { CpxError, UsageError } from '../core/errors.js';
import { findDefaultSession, requireNamedTask } from '../tasks/lookup.js';
import { print } from '../core/output.js';
import { findSessionByName } from '../tasks/sessions.js';
import { listTasks, type Task } from '../tasks/task.js';
import { confirmKill, killTasks } from '../tasks/teardown.js';

interface KillOptions {
  all?: boolean;
  yes?: boolean;
  session?: string;
}

async function tasksOfSession(session?: string): Promise<Task[]> {
  const ref = session ? (await findSessionByName(session))?.id : await findDefaultSession();
  if (!ref) throw new CpxError(session ? `no session named '${session}': see \`cpx ls\`` : 'no cpx session for this directory: pass --session <name>');
  return (await listTasks()).filter((t) => t.sessionRef === ref);
}

export default async function kill(name: string | undefined, options: KillOptions): Promise<number> {
  if (name && options.all) throw new UsageError('give a task name or --all, not both');
  if (!name && !options.all) throw new UsageError('which task? give its name, or --all for every task in the session');
  const tasks = name ? [await requireNamedTask(name, options.session)] : await tasksOfSession(options.session);
  if (!tasks.length) {
    print('no tasks to kill');
    return 0;
  }
  if (options.all) await confirmKill(tasks, options.yes, `in ${tasks[0].session}`);
  await killTasks(tasks);
  return 0;
}
