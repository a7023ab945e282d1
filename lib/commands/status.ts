// cpx status: task counts for tmux's status-right, cheap enough for `status-interval 1`.
// bin/cpx.ts calls runStatus without loading commander or chalk: one tmux call in the common case.
import { readFileSync } from 'node:fs';
import { CpxError, NoServerError } from '../core/errors.js';
import { formatStatus, parseSummary } from '../watch/status-line.js';
import { listTasks } from '../tasks/task.js';
import { run, selectServer } from '../tmux/runner.js';
import { ensureWatcherQuietly } from '../watch/keeper.js';

/** Is the process running? (kill -0 also answers for a zombie: a killed watcher not yet reaped.) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust the signal check
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
  // Here the watcher's counts were missing or stale: the status line is the place a killed watcher comes back.
  if (Object.keys(counts).length) await ensureWatcherQuietly();
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
