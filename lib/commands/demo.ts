// cpx demo: cpx doing its job with no agent account: a shipped layout run by a simulated agent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CpxError } from '../core/errors.js';
import { loadLayout } from '../layout/validate.js';
import { paint, print } from '../core/output.js';
import { serverSocket } from '../tmux/runner.js';
import { formatStarted, startLayout } from '../layout/start.js';
import { ensureWatcher } from '../watch/keeper.js';
import { cpxCommand } from '../core/invocation.js';

const SESSION = 'cpx-demo';

export default async function demo(): Promise<number> {
  // dist/ and layouts/ sit side by side in the package.
  const file = fileURLToPath(new URL('../layouts/demo.yaml', import.meta.url));
  if (!existsSync(file)) throw new CpxError(`the demo layout is missing (${file}): reinstall cpx`);
  const layout = loadLayout(file, { cwd: process.cwd() });
  const result = await startLayout(layout, { session: SESSION });
  if (result.started.length) await ensureWatcher();
  for (const line of formatStarted(layout.name, result)) print(line);
  const tmux = `tmux${serverSocket() ? ` -L ${serverSocket()}` : ''}`;
  print('');
  print(paint().bold('cpx demo: three simulated tasks (no real agent runs, nothing on disk changes)'));
  const cpx = cpxCommand();
  const hints: Array<[string, string]> = [
    [`${cpx} ls`, 'their states; soon "api" asks for approval (a bell)'],
    [`${cpx} next`, 'jump to the task that waits'],
    [`${cpx} approve api`, 'answer it from here; then "dashboard" starts'],
    [`${tmux} attach -t ${SESSION}`, 'watch the borders and the status bar'],
    [`${cpx} down demo --yes`, 'end the demo'],
  ];
  // Fit 80 columns: a command longer than the cpx ones gets its description on the next line.
  const width = Math.max(...hints.filter(([command]) => command.startsWith(cpx)).map(([command]) => command.length));
  for (const [command, what] of hints) {
    if (command.length > width) print(`  ${paint().cyan(command)}\n  ${' '.repeat(width)}  ${what}`);
    else print(`  ${paint().cyan(command.padEnd(width))}  ${what}`);
  }
  return 0;
}
