// cpx approve <name> [choice] / cpx deny <name>: answer the prompt a task shows, once, and check it went away.
import { pickChoice, keysForChoice } from '../tasks/answer.js';
import { CpxError, UsageError } from '../core/errors.js';
import { sendKeysIf } from '../tasks/typing.js';
import { requireNamedTask } from '../tasks/lookup.js';
import { paint, print } from '../core/output.js';
import { readScreen, showingCondition, type Screen } from '../tasks/screen.js';
import { acquireAnswerLock, type AnswerLock } from '../tasks/answer-lock.js';
import type { Classification } from '../detect/classify.js';
import { findTaskByPane, type Task } from '../tasks/task.js';

interface AnswerOptions {
  always?: boolean;
  session?: string;
  /** The task in this pane (%ID), as a tmux key binding passes #{pane_id}. */
  pane?: string;
}

async function requireAnswerTask(name: string | undefined, options: AnswerOptions, mode: string): Promise<Task> {
  if (options.pane === undefined) {
    if (name === undefined) throw new UsageError(`${mode} needs a task name, or --pane %ID for the task in a tmux pane`);
    return requireNamedTask(name, options.session);
  }
  if (!/^%\d+$/.test(options.pane)) throw new UsageError(`--pane '${options.pane}' is not a pane id: give one like %12 (tmux's #{pane_id})`);
  const task = await findTaskByPane(options.pane);
  if (!task) throw new CpxError(`pane ${options.pane} is not a cpx task: nothing was sent`);
  return task;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function samePrompt(a: Classification, b: Classification): boolean {
  return a.state === b.state && a.kind === b.kind && a.detail === b.detail && a.choices.join('\n') === b.choices.join('\n');
}

/**
 * The prompt, once two reads 250 ms apart show the same one (Claude Code drops keys that arrive
 * while a dialog is still being drawn). Never type into an agent that is not asking.
 */
async function readSettledPrompt(task: Task): Promise<Screen> {
  let last = await readScreen(task);
  for (let read = 1; ; read++) {
    if (last.result.state !== 'waiting') {
      throw new CpxError(`task '${task.name}' is not showing a prompt (it looks ${last.result.state}): nothing was sent`);
    }
    await sleep(250);
    const now = await readScreen(task, last.profile);
    if (samePrompt(last.result, now.result)) return now;
    if (read >= 4) throw new CpxError(`task '${task.name}' keeps changing its prompt: nothing was sent; look with \`cpx attach '${task.name}'\``);
    last = now;
  }
}

/** One approve or deny per pane at a time (the lock is per tmux server and pane). */
function lockPane(task: Task): AnswerLock {
  const lock = acquireAnswerLock(task);
  if ('release' in lock) return lock;
  throw new CpxError(`another cpx approve/deny (pid ${lock.heldBy}) is answering task '${task.name}' right now: nothing was sent`);
}

async function answer(name: string | undefined, choice: string | undefined, options: AnswerOptions, mode: 'approve' | 'deny'): Promise<number> {
  const task = await requireAnswerTask(name, options, mode);
  const lock = lockPane(task);
  try {
    return await answerLocked(task, choice, options, mode);
  } finally {
    lock.release();
  }
}

async function answerLocked(task: Task, choice: string | undefined, options: AnswerOptions, mode: 'approve' | 'deny'): Promise<number> {
  const before = await readSettledPrompt(task);
  const asked = before.result.detail || before.result.kind;
  const index = pickChoice(before.result, choice, before.profile, mode === 'deny' ? 'deny' : options.always ? 'always' : 'approve');
  if (index === undefined && mode === 'approve') throw new CpxError(`task '${task.name}' asks "${asked}" but offers no choice to pick: nothing was sent; type the answer with \`cpx send '${task.name}' <answer>\``);
  const keys = index === undefined ? before.profile.keys.deny : keysForChoice(before.result, index, before.profile);
  // tmux itself checks that the screen still ends as read, and sends only then.
  if (!(await sendKeysIf(task.paneId, keys, showingCondition(before.screen)))) {
    throw new CpxError(`task '${task.name}' stopped showing "${asked}" before the keys went: nothing was sent`);
  }
  const deadline = Date.now() + 3000;
  for (;;) {
    await sleep(60);
    const after = await readScreen(task, before.profile);
    if (!samePrompt(after.result, before.result)) break;
    if (Date.now() > deadline) throw new CpxError(`sent ${keys.join(' ')} to '${task.name}' but its prompt is still there: look with \`cpx attach '${task.name}'\``);
  }
  const picked = index === undefined ? keys.join(' ') : before.result.choices[index];
  print(`${mode === 'deny' ? paint().red('denied') : paint().green('approved')} ${paint().bold(task.name)}: ${asked} → ${picked}`);
  return 0;
}

export function approve(name: string | undefined, choice: string | undefined, options: AnswerOptions): Promise<number> {
  // With --pane the one argument is the choice.
  if (options.pane !== undefined && choice !== undefined) throw new UsageError('approve --pane takes only a choice: cpx approve --pane %ID [choice]');
  return options.pane !== undefined ? answer(undefined, name, options, 'approve') : answer(name, choice, options, 'approve');
}

export function deny(name: string | undefined, options: AnswerOptions): Promise<number> {
  if (options.pane !== undefined && name !== undefined) throw new UsageError('deny --pane takes no task name: cpx deny --pane %ID');
  return answer(name, undefined, options, 'deny');
}
