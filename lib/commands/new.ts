// cpx new <name> [prompt...]: start an agent task.
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { startTask } from '../launch.js';
import { paint, print, printJson } from '../output.js';
import { readStdinText } from '../stdin.js';
import { runInteractive, serverSocket } from '../tmux.js';
import { ensureWatcher } from '../watcher.js';

interface NewOptions {
  dir?: string;
  agent?: string;
  cmd?: string;
  pane?: boolean;
  session?: string;
  attach?: boolean;
  json?: boolean;
}

export default async function newCommand(name: string, words: string[], options: NewOptions): Promise<number> {
  if (options.agent && options.cmd !== undefined) throw new UsageError('--agent and --cmd both name a program: use one of them');
  const inside = Boolean(process.env.TMUX) && !serverSocket();
  if (options.attach && !inside && !process.stdin.isTTY) {
    throw new UsageError('--attach needs a terminal on stdin: run without --attach, then `cpx attach` from a terminal');
  }
  const prompt = words.length === 1 && words[0] === '-' ? await readStdinText() : words.join(' ');
  const size = process.stdout.isTTY ? { columns: process.stdout.columns, rows: process.stdout.rows } : undefined;
  const task = await startTask({ name, prompt, dir: resolve(options.dir ?? process.cwd()), ...options }, size);
  await ensureWatcher();
  if (options.json) printJson(task);
  else {
    print(`${paint().green('started')} ${paint().bold(task.name)} in ${task.where} (${task.paneId}, agent ${task.agent})`);
    if (!inside && !options.attach) {
      const socket = serverSocket() ? ` -L ${serverSocket()}` : '';
      print(`attach with: cpx attach '${task.name.replace(/'/g, "'\\''")}'   (or: tmux${socket} attach -t '${task.session}')`);
    }
  }
  if (!options.attach) return 0;
  const go = [['select-window', '-t', task.paneId], ['select-pane', '-t', task.paneId]];
  return inside ? runInteractive([...go, ['switch-client', '-t', task.paneId]]) : runInteractive([...go, ['attach-session', '-t', task.paneId]]);
}
