// cpx interrupt <name>: press Escape, Claude Code's "stop now" key.
import { UsageError } from '../core/errors.js';
import { sendKeys } from '../tasks/typing.js';
import { requireNamedTask } from '../tasks/lookup.js';
import { paint, print } from '../core/output.js';

export default async function interrupt(name: string, options: { session?: string }): Promise<number> {
  const task = await requireNamedTask(name, options.session);
  if (task.dead) throw new UsageError(`task '${task.name}' has already exited`);
  await sendKeys(task.paneId, ['Escape']);
  print(`${paint().yellow('interrupted')} ${paint().bold(task.name)} (sent Escape)`);
  return 0;
}
