// cpx approve <name> [choice] / cpx deny <name>: answer the prompt a task shows, and check it went away.
import { pickChoice, keysForChoice } from '../tasks/answer.js';
import { CpxError, UsageError } from '../core/errors.js';
import { sendKeys } from '../tasks/typing.js';
import { requireNamedTask } from '../tasks/lookup.js';
import { paint, print } from '../core/output.js';
import { readScreen } from '../tasks/screen.js';
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

async function answer(name: string | undefined, choice: string | undefined, options: AnswerOptions, mode: 'approve' | 'deny'): Promise<number> {
  const task = await requireAnswerTask(name, options, mode);
  // Claude Code drops keys that arrive while a dialog is still being drawn: answer a settled screen.
  const first = await readScreen(task);
  await new Promise((r) => setTimeout(r, first.result.state === 'waiting' ? 250 : 0));
  const before = await readScreen(task, first.profile);
  // Never type into an agent that is not asking: the keys would become part of its input.
  if (before.result.state !== 'waiting') {
    throw new CpxError(`task '${task.name}' is not showing a prompt (it looks ${before.result.state}): nothing was sent`);
  }
  const index = pickChoice(before.result, choice, before.profile, mode === 'deny' ? 'deny' : options.always ? 'always' : 'approve');
  if (index === undefined && mode === 'approve') throw new CpxError(`task '${task.name}' asks "${before.result.detail || before.result.kind}" but offers no choice to pick: nothing was sent; type the answer with \`cpx send '${task.name}' <answer>\``);
  const keys = index === undefined ? before.profile.keys.deny : keysForChoice(before.result, index, before.profile);
  await sendKeys(task.paneId, keys);
  const deadline = Date.now() + 3000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 60));
    const after = await readScreen(task, before.profile);
    if (after.result.state !== 'waiting' || after.result.detail !== before.result.detail) break;
    if (Date.now() > deadline) throw new CpxError(`sent ${keys.join(' ')} to '${task.name}' but its prompt is still there: look with \`cpx attach '${task.name}'\``);
  }
  const picked = index === undefined ? keys.join(' ') : before.result.choices[index];
  print(`${mode === 'deny' ? paint().red('denied') : paint().green('approved')} ${paint().bold(task.name)}: ${before.result.detail || before.result.kind} → ${picked}`);
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
