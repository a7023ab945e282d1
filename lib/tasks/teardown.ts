// Ending tasks: ask first when there are several, kill each pane, record it in the journal.
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../core/errors.js';
import { appendJournal } from './journal.js';
import { paint, print } from '../core/output.js';
import type { Task } from './task.js';
import { run, serverSocket } from '../tmux/runner.js';

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** True when the user agreed (or `yes`); without a terminal to ask on, a usage error. */
/** Asks first; a "no" is a refused confirmation: exit 2, as without a terminal, and it says so. */
export async function confirmKill(tasks: Task[], yes: boolean | undefined, where: string): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) throw new UsageError(`refusing to kill ${tasks.length} task(s) without confirmation: add --yes`);
  if (!(await confirm(`kill ${tasks.length} task(s) ${where}: ${tasks.map((t) => t.name).join(', ')}?`))) {
    throw new UsageError('nothing was killed (you answered no): add --yes to skip the question');
  }
}

export async function killTasks(tasks: Task[]): Promise<void> {
  for (const t of tasks) {
    // One tmux call each: tmux 3.3a crashes when one chained call destroys a session's last
    // windows while a control-mode client (our watcher) is connected.
    await run(['kill-pane', '-t', t.paneId]);
    appendJournal({ event: 'kill', task: t.name, session: t.session, socket: serverSocket(), pane: t.paneId, agentSessionId: t.agentSessionId });
    print(`${paint().red('killed')} ${paint().bold(t.name)} (${t.paneId})`);
  }
}
