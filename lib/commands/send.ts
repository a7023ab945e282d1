// cpx send <name> <text...>: type into a task and submit.
import { UsageError } from '../core/errors.js';
import { sendText } from '../tasks/typing.js';
import { requireNamedTask } from '../tasks/lookup.js';
import { paint, print } from '../core/output.js';
import { profileFor } from '../tasks/screen.js';
import { readStdinText } from '../core/stdin.js';

export default async function send(name: string, words: string[], options: { enter: boolean; session?: string }): Promise<number> {
  const text = words.length === 1 && words[0] === '-' ? await readStdinText() : words.join(' ');
  if (!text) throw new UsageError('nothing to send: give the text, or pipe it with `-`');
  const task = await requireNamedTask(name, options.session);
  if (task.dead) throw new UsageError(`task '${task.name}' has exited: start it again with \`cpx new\``);
  const profile = await profileFor(task.agent);
  await sendText(task.paneId, text, { enter: options.enter, enterDelayMs: profile.keys.submitDelayMs });
  print(`${paint().green('sent')} ${text.split('\n').length} line(s) to ${paint().bold(task.name)}${options.enter ? '' : ' (not submitted)'}`);
  return 0;
}
