// cpx status: task counts for tmux's status-right, cheap enough for `status-interval 1`.
// bin/cpx.ts calls runStatus without loading commander or chalk: one tmux call in the common case.
import { CpxError, NoServerError } from '../errors.js';
import { listTasks } from '../tasks.js';
import { run, selectServer } from '../tmux.js';

const STATES: Array<[state: string, mark: string, style: string]> = [
  ['waiting', '⚑', 'fg=yellow,bold'],
  ['working', '▶', ''],
  ['idle', '✓', ''],
  ['pending', '…', ''],
  ['blocked', '✗', 'fg=red'],
  ['exited', '■', ''],
  ['unknown', '?', ''],
];

/** `waiting=1 working=2 …` (the watcher's @cpx_summary) → counts; undefined when empty. */
export function parseSummary(text: string): Record<string, number> | undefined {
  const counts: Record<string, number> = {};
  for (const [, state, n] of text.matchAll(/(\w+)=(\d+)/g)) counts[state] = Number(n);
  return Object.keys(counts).length ? counts : undefined;
}

/** `#[fg=yellow,bold]⚑2 waiting#[default] ▶3 working`; '' when there are no tasks. */
export function formatStatus(counts: Record<string, number>, plain: boolean): string {
  return STATES.filter(([state]) => counts[state] > 0).map(([state, mark, style]) => {
    const text = `${mark}${counts[state]} ${state}`;
    return style && !plain ? `#[${style}]${text}#[default]` : text;
  }).join(' ');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The watcher's summary when a live watcher wrote it, else a count of the tasks. */
async function readCounts(): Promise<Record<string, number>> {
  const [summary, watcher] = (await run(['display-message', '-p', '#{@cpx_summary}\t#{@cpx_watcher}'])).trim().split('\t');
  const counts = parseSummary(summary ?? '');
  if (counts && Number(watcher) > 1 && alive(Number(watcher))) return counts;
  const fallback: Record<string, number> = {};
  for (const task of await listTasks()) fallback[task.state] = (fallback[task.state] ?? 0) + 1;
  return fallback;
}

export default async function status(options: { plain?: boolean }): Promise<number> {
  let counts: Record<string, number>;
  try {
    counts = await readCounts();
  } catch (error) {
    if (error instanceof NoServerError) return 0; // no server, no tasks: an empty segment
    throw error;
  }
  const line = formatStatus(counts, Boolean(options.plain));
  if (line) process.stdout.write(`${line}\n`);
  return 0;
}

/** The fast path: `cpx status [--plain]` with the server from CPX_SOCKET, as the CLI would pick it. */
export async function runStatus(args: string[]): Promise<number> {
  selectServer(process.env.CPX_SOCKET, process.env.CPX_SOCKET_PATH);
  try {
    return await status({ plain: args.includes('--plain') });
  } catch (error) {
    process.stderr.write(`cpx: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof CpxError ? error.exitCode : 1;
  }
}
