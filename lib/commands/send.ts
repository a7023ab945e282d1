// cpx send <name> <text...>: type into a task and submit.
import { UsageError } from '../core/errors.js';
import { sendText } from '../tasks/typing.js';
import { requireNamedTask } from '../tasks/lookup.js';
import { paint, print } from '../core/output.js';
import { quoteForShell } from '../core/shell-words.js';
import { cpxCommand } from '../core/invocation.js';
import { profileFor } from '../tasks/screen.js';
import { readStdinText } from '../core/stdin.js';
import type { Task } from '../tasks/task.js';

/** Longer prompts (or several lines) are left as a placeholder: a hint is one line a person can read. */
const HINT_PROMPT_CHARS = 200;

/** The one line that starts an exited task again: its pane must go first, or `cpx new` finds the name taken. */
export function restartCommand(task: Task, session?: string): string {
  const q = quoteForShell;
  const where = session ? ` --session ${q(session)}` : '';
  const args: string[] = [];
  if (task.dir !== process.cwd()) args.push('--dir', q(task.dir));
  const def = task.definition;
  const cmd = Array.isArray(def.cmd) ? def.cmd.map(String) : undefined;
  if (cmd) args.push('--cmd', q(cmd.map(q).join(' ')));
  else if (task.agent && task.agent !== 'claude') args.push('--agent', q(task.agent));
  const agentArgs = Array.isArray(def.agentArgs) ? def.agentArgs.map(String) : [];
  if (!cmd && agentArgs.length) args.push('--agent-args', q(agentArgs.map(q).join(' ')));
  const short = task.prompt.length <= HINT_PROMPT_CHARS && !task.prompt.includes('\n');
  if (task.prompt) args.push(...(task.prompt.startsWith('-') ? ['--'] : []), short ? q(task.prompt) : '"<prompt>"');
  const name = q(task.name);
  const cpx = cpxCommand();
  return `${cpx} kill ${name}${where} && ${cpx} new ${name}${where}${args.length ? ` ${args.join(' ')}` : ''}`;
}

function countLines(text: string): string {
  const lines = text.split('\n').length;
  return lines === 1 ? '1 line' : `${lines} lines`;
}

export default async function send(name: string, words: string[], options: { enter: boolean; session?: string }): Promise<number> {
  const text = words.length === 1 && words[0] === '-' ? await readStdinText() : words.join(' ');
  if (!text) throw new UsageError('nothing to send: give the text, or pipe it with `-`');
  const task = await requireNamedTask(name, options.session);
  if (task.dead) {
    const status = task.exitStatus === undefined ? '' : ` (status ${task.exitStatus})`;
    throw new UsageError(`task '${task.name}' has exited${status}: start it again with \`${restartCommand(task, options.session)}\``);
  }
  const profile = await profileFor(task.agent);
  await sendText(task.paneId, text, { enter: options.enter, enterDelayMs: profile.keys.submitDelayMs });
  print(`${paint().green('sent')} ${countLines(text)} to ${paint().bold(task.name)}${options.enter ? '' : ' (not submitted)'}`);
  return 0;
}
