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
  target?: string;
  /** The old name of --target (key bindings installed before it was renamed still pass it). */
  pane?: string;
}

/** The pane of --target (or --pane); a usage error when both are given. */
function readTarget(options: AnswerOptions): string | undefined {
  if (options.target !== undefined && options.pane !== undefined) throw new UsageError('--pane is the old name of --target: give one of them');
  return options.target ?? options.pane;
}

async function requireAnswerTask(name: string | undefined, target: string | undefined, options: AnswerOptions, mode: string): Promise<Task> {
  if (target === undefined) {
    if (name === undefined) throw new UsageError(`${mode} needs a task name, or --target %ID for the task in a tmux pane`);
    return requireNamedTask(name, options.session);
  }
  if (!/^%\d+$/.test(target)) throw new UsageError(`--target '${target}' is not a pane id: give one like %12 (tmux's #{pane_id})`);
  const task = await findTaskByPane(target);
  if (!task) throw new CpxError(`pane ${target} is not a cpx task: nothing was sent`);
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
  const task = await requireAnswerTask(name, readTarget(options), options, mode);
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

export async function approve(name: string | undefined, choice: string | undefined, options: AnswerOptions): Promise<number> {
  if (readTarget(options) === undefined) return answer(name, choice, options, 'approve');
  // With --target the pane says which task; the one argument may only be a choice number (a word
  // could be a task name, and a name with --target is a mistake that must not pick a choice).
  if (choice !== undefined || (name !== undefined && !/^\d+$/.test(name))) {
    throw new UsageError('approve --target takes no task name, only a choice number: cpx approve --target %ID [number], or cpx approve <name> [choice]');
  }
  return answer(undefined, name, options, 'approve');
}

export async function deny(name: string | undefined, options: AnswerOptions): Promise<number> {
  if (readTarget(options) !== undefined && name !== undefined) throw new UsageError('deny --target takes no task name: cpx deny --target %ID, or cpx deny <name>');
  return answer(name, undefined, options, 'deny');
}
