// cpx watch: the watcher in the foreground (prints transitions), or --background as started by cpx.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type CpxConfig } from '../core/config.js';
import { appendJournal } from '../tasks/journal.js';
import { alert } from '../watch/alerts.js';
import { paint, print, printJsonLine } from '../core/output.js';
import { stateDir } from '../core/paths.js';
import { run, runLenient } from '../tmux/runner.js';
import { Watcher, type WatchEvent } from '../watch/loop.js';
import type { PaneMeta } from '../watch/pane-meta.js';
import { ensureWatcherQuietly, isWatcherAlive } from '../watch/keeper.js';

interface WatchOptions {
  json?: boolean;
  background?: boolean;
  ensure?: boolean;
}

function backgroundLog(line: string): void {
  try {
    mkdirSync(stateDir(), { recursive: true });
    appendFileSync(join(stateDir(), 'watcher.log'), `${new Date().toISOString()} ${line}\n`);
  } catch {
    // logging must never stop the watcher
  }
}

/** Bell and friends: when a task starts waiting (or asks something new), and when a turn ends. */
async function alertFor(event: WatchEvent, meta: PaneMeta, config: CpxConfig, watcher: Watcher): Promise<string[][]> {
  const waiting = event.to === 'waiting';
  const done = event.from === 'working' && event.to === 'idle';
  if (event.to === 'exited') appendJournal({ event: 'exit', task: event.task, session: event.session, pane: event.pane, status: meta.exitStatus ?? null });
  if (!waiting && !done) return [];
  const clients = await watcher.listClients();
  const transition = { task: event.task, paneId: event.pane, windowId: meta.windowId, session: event.session, state: event.to, previous: event.from, detail: event.detail };
  return alert(transition, waiting ? config.waiting : config.done, { paneTty: meta.dead ? '' : meta.tty, clientTtys: clients.ttys, clients: clients.names });
}

function printEvent(event: WatchEvent, json: boolean): void {
  if (json) return printJsonLine(event);
  const to = event.to === 'waiting' ? paint().black.bgYellow(` ${event.to} `) : paint().bold(event.to);
  const detail = event.detail ? `  ${event.detail}` : '';
  print(`${event.time.slice(11, 19)}  ${event.task} (${event.pane})  ${event.from} → ${to}${detail}`);
}

/**
 * A foreground watcher took the role from the background one: when it ends (Ctrl-C, SIGTERM), a
 * background watcher takes it back, so the tasks stay watched. Not when another watcher took over.
 */
async function handBack(): Promise<void> {
  try {
    const owner = await runLenient(['show-options', '-gqv', '@cpx_watcher']);
    if (owner?.trim() !== String(process.pid)) return;
    await run(['set-option', '-gu', '@cpx_watcher'], { noStart: true });
    await ensureWatcherQuietly();
  } catch {
    // the server is gone: nothing to watch
  }
}

export default async function watch(options: WatchOptions): Promise<number> {
  if (options.ensure) {
    await ensureWatcherQuietly();
    return 0;
  }
  const current = await runLenient(['show-options', '-gqv', '@cpx_watcher']);
  if (options.background && (current === undefined || isWatcherAlive(Number(current.trim())))) return 0;
  await run(['set-option', '-g', '@cpx_watcher', String(process.pid)]);
  const config = loadConfig();
  const log = options.background ? backgroundLog : (line: string) => process.stderr.write(`cpx watch: ${line}\n`);
  const watcher: Watcher = new Watcher({
    config, ownerPid: process.pid, log,
    onEvent: async (event, meta): Promise<string[][]> => {
      if (options.background) backgroundLog(`${event.task} ${event.pane} ${event.from} -> ${event.to} ${event.detail}`);
      else printEvent(event, Boolean(options.json));
      return alertFor(event, meta, config, watcher);
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => watcher.stop(0));
  if (options.background) process.on('SIGHUP', () => undefined);
  await watcher.start();
  if (!options.background && !options.json) log(`watching (pid ${process.pid}); Ctrl-C to stop`);
  const code = await watcher.finished;
  if (!options.background) await handBack();
  // Stopped means gone: a tmux command or timer still in flight must not keep a watcher around.
  setTimeout(() => process.exit(code), 1000).unref();
  return code;
}
