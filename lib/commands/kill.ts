// cpx kill <name> | --all: end task panes and record it in the journal.
import { createInterface } from 'node:readline/promises';
import { CpxError, UsageError } from '../errors.js';
import { appendJournal } from '../journal.js';
import { findDefaultSession, requireNamedTask } from '../lookup.js';
import { paint, print } from '../output.js';
import { findSessionByName } from '../sessions.js';
import { listTasks, type Task } from '../tasks.js';
import { run, serverSocket } from '../tmux.js';

interface KillOptions {
  all?: boolean;
  yes?: boolean;
  session?: string;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
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
  if (options.all && !options.yes) {
    if (!process.stdin.isTTY) throw new UsageError(`refusing to kill ${tasks.length} task(s) without confirmation: add --yes`);
    if (!(await confirm(`kill ${tasks.length} task(s) in ${tasks[0].session}: ${tasks.map((t) => t.name).join(', ')}?`))) return 1;
  }
  for (const t of tasks) {
    // One tmux call each: tmux 3.3a crashes when one chained call destroys a session's last
    // windows while a control-mode client (our watcher) is connected.
    await run(['kill-pane', '-t', t.paneId]);
    appendJournal({ event: 'kill', task: t.name, session: t.session, socket: serverSocket(), pane: t.paneId, agentSessionId: t.agentSessionId });
    print(`${paint().red('killed')} ${paint().bold(t.name)} (${t.paneId})`);
  }
  return 0;
}
