// How the watcher hears every task's output with one control client: a session of its own (WATCH_SESSION)
// that links each window holding a task. Nothing is grouped (tmux 3.3/3.4 can crash when clients on
// grouped sessions exit together, as they do when a watcher is killed), and the user's sessions keep
// no extra client: tmux still counts them as unattached and flags their bells as before.

import type { Reply } from '../tmux/control.js';
import { batch, run } from '../tmux/runner.js';

export const WATCH_SESSION = 'cpx-watch';
const TARGET = `=${WATCH_SESSION}:`;

/** `list-windows -t TARGET` format: a window of ours and how many sessions link it. */
export const LINKS_FORMAT = '#{window_id}\t#{window_linked_sessions}';

export function linksCommand(): string[] {
  return ['list-windows', '-t', TARGET, '-F', LINKS_FORMAT];
}

/** window id → sessions that link it, from LINKS_FORMAT lines. */
export function parseLinks(lines: string[]): Map<string, number> {
  const rows = lines.filter(Boolean).map((line) => line.split('\t'));
  return new Map(rows.map(([id, count]) => [id, Number(count) || 0]));
}

/**
 * The tmux commands that make our session link exactly the task windows (`ours` undefined: no
 * session yet). A window only we still link lost its session to the user (kill-session): it goes
 * too, as it would have without us; one the user still has is only unlinked.
 */
export function planLinks(taskWindows: string[], ours: Map<string, number> | undefined): string[][] {
  if (!ours) {
    if (!taskWindows.length) return [];
    // A session needs a window to exist: a placeholder, gone once the task windows are linked.
    return [
      ['new-session', '-d', '-s', WATCH_SESSION, '-n', 'cpx-placeholder', 'sleep', '2147483647'],
      ['set-option', '-t', TARGET, '@cpx_watch', '1'],
      ['set-option', '-t', TARGET, 'destroy-unattached', 'off'],
      ...taskWindows.map((id) => ['link-window', '-d', '-s', id, '-t', TARGET]),
      ['kill-window', '-t', `${TARGET}cpx-placeholder`],
    ];
  }
  const wanted = new Set(taskWindows);
  const commands: string[][] = [];
  for (const [id, sessions] of ours) {
    if (wanted.has(id)) continue;
    commands.push(sessions <= 1 ? ['kill-window', '-t', id] : ['unlink-window', '-t', `${TARGET}${id}`]);
  }
  for (const id of taskWindows) if (!ours.has(id)) commands.push(['link-window', '-d', '-s', id, '-t', TARGET]);
  return commands;
}

export function attachCommand(): string[] {
  // ignore-size: our client must never shrink the user's windows.
  return ['attach-session', '-f', 'ignore-size', '-t', `=${WATCH_SESSION}`];
}

/** Without a control client yet: the same commands through a tmux process, as replies. */
export async function readLinks(): Promise<Reply> {
  try {
    return { ok: true, lines: (await run(linksCommand())).split('\n') };
  } catch (error) {
    return { ok: false, lines: [(error as Error).message] };
  }
}

export async function runCommands(commands: string[][]): Promise<Reply> {
  try {
    await batch(commands, { noStart: true }); // its new-session must not start a server killed meanwhile
    return { ok: true, lines: [] };
  } catch (error) {
    return { ok: false, lines: [(error as Error).message] };
  }
}
