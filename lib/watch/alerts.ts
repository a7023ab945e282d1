// Telling the user a task changed state: a bell in its pane, a tmux message, terminal and desktop notifications.
import { spawn } from 'node:child_process';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import type { AlertConfig } from '../core/config.js';
import { findOnPath } from '../core/programs.js';

export interface Transition { task: string; paneId: string; windowId: string; session: string; state: string; previous: string; detail: string }

export interface AlertTargets {
  /** `#{pane_tty}` of the task's pane; '' when the pane is dead (its tty may already belong to someone else). */
  paneTty: string;
  /** `#{client_tty}` of each client to notify (control-mode clients have none and are skipped). */
  clientTtys: string[];
  /** `#{client_name}` of each client to show a message on. */
  clients: string[];
}

// A tty that is gone, full, or hung up is not worth failing an alert over.
const IGNORED = new Set(['EAGAIN', 'EWOULDBLOCK', 'ENXIO', 'EIO', 'ENOENT']);
const MESSAGE_MS = '5000';

/** Performs the file/process side effects now, returns tmux commands (argv arrays) for the caller to run in one batch. */
export async function alert(t: Transition, config: AlertConfig, targets: AlertTargets): Promise<string[][]> {
  // A dead pane's tty path may have been reused by a new terminal; never ring into it.
  if (config.bell && targets.paneTty && t.state !== 'exited') attempt('bell', () => ringBell(targets.paneTty));
  if (config.osc) attempt('osc', () => sendOsc(targets.clientTtys, t));
  if (config.notifySend) attempt('notify-send', () => runNotifySend(t));
  if (config.command?.length) attempt('command', () => runCommand(config.command!, t));
  return config.message ? messageCommands(targets.clients, describeTransition(t)) : [];
}

/** Ring the bell in a pane by writing BEL to its tty: tmux flags the window and forwards it per bell-action. */
export function ringBell(paneTty: string): void {
  writeTty(paneTty, '\x07');
}

function writeTty(path: string, bytes: string): void {
  let fd: number | undefined;
  try {
    // O_NOCTTY: the watcher must not adopt a pane's tty as its controlling terminal; O_NONBLOCK: never hang on a full one.
    fd = openSync(path, constants.O_WRONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
    writeSync(fd, bytes);
  } catch (error) {
    if (!IGNORED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The watcher must keep running whatever one alert channel does. */
function attempt(what: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (process.env.CPX_DEBUG) process.stderr.write(`cpx: ${what} alert failed: ${(error as Error).message}\n`);
  }
}

export interface AlertText { title: string; body: string; line: string }

/** What to say, with control characters removed so nothing can inject escape sequences. */
export function describeTransition(t: Transition): AlertText {
  const task = stripControls(t.task);
  const detail = stripControls(t.detail).slice(0, 200);
  const title = `cpx: ${task}`;
  if (t.state === 'waiting') return { title, body: detail || 'waiting for you', line: `cpx: ⚑ ${task} is waiting${detail ? `: ${detail}` : ''}` };
  if (t.state === 'idle') return { title, body: detail || 'finished its turn', line: `cpx: ✓ ${task} finished its turn` };
  return { title, body: detail || t.state, line: `cpx: ${task} is ${stripControls(t.state)}${detail ? `: ${detail}` : ''}` };
}

export function stripControls(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ').trim();
}

function messageCommands(clients: string[], text: AlertText): string[][] {
  // display-message expands formats: a literal '#' must be written '##'.
  const escaped = text.line.replaceAll('#', '##');
  return clients.map((client) => ['display-message', '-c', client, '-d', MESSAGE_MS, escaped]);
}

/** OSC 777 (urxvt, foot, Ghostty, WezTerm) and OSC 9 (iTerm2, kitty, Windows Terminal), straight to the client's terminal. */
function sendOsc(clientTtys: string[], t: Transition): void {
  const { title, body } = describeTransition(t);
  // ';' separates OSC 777 fields; keep it out of the title.
  const bytes = `\x1b]777;notify;${title.replaceAll(';', ',')};${body}\x1b\\\x1b]9;${title} ${body}\x07`;
  for (const tty of clientTtys) attempt('osc', () => writeTty(tty, bytes));
}

function runNotifySend(t: Transition): void {
  const program = findOnPath('notify-send');
  if (!program) return;
  const { title, body } = describeTransition(t);
  launch([program, '--app-name=cpx', title, body], process.env);
}

function runCommand(argv: string[], t: Transition): void {
  launch(argv, {
    ...process.env,
    CPX_TASK: t.task,
    CPX_STATE: t.state,
    CPX_PREVIOUS_STATE: t.previous,
    CPX_PANE: t.paneId,
    CPX_WINDOW: t.windowId,
    CPX_DETAIL: t.detail,
    CPX_SESSION: t.session,
  });
}

/** Start a program and forget it: no shell, no waiting; its own process group keeps a Ctrl-C meant for cpx away from it. */
function launch(argv: string[], env: NodeJS.ProcessEnv): void {
  const [program, ...args] = argv;
  if (!program) return;
  const child = spawn(program, args, { env, stdio: 'ignore', detached: true });
  child.on('error', (error) => {
    if (process.env.CPX_DEBUG) process.stderr.write(`cpx: alert command ${program} failed: ${error.message}\n`);
  });
  child.unref();
}
