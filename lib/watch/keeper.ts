// Keeping exactly one watcher per tmux server alive: started by cpx calls, detached from any client.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../core/config.js';
import { CpxError } from '../core/errors.js';
import { runLenient, serverSocketPath } from '../tmux/runner.js';

/** Is `pid` a live cpx watcher? (A recycled pid belonging to something else does not count.) */
export function isWatcherAlive(pid: number): boolean {
  if (!(pid > 1)) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('watch');
  } catch {
    return true; // no /proc (macOS): trust the signal check
  }
}

let ensured = false;

/** Start the background watcher unless one is running. `known` skips a tmux call when the caller already read them. */
export async function ensureWatcher(known?: { watcherPid: number; socketPath: string }): Promise<void> {
  if (ensured) return;
  ensured = true;
  let info = known;
  if (!info) {
    const out = await runLenient(['display-message', '-p', '#{@cpx_watcher}\t#{socket_path}']);
    if (!out) return;
    const [pid, socketPath] = out.replace(/\n$/, '').split('\t'); // not trim(): it would eat an empty pid field's tab
    info = { watcherPid: Number(pid) || 0, socketPath };
  }
  if (isWatcherAlive(info.watcherPid)) return;
  requireWatcherConfig();
  startWatcher(info.socketPath || serverSocketPath());
}

/** The watcher reads config.yaml as it starts: a mistake there is reported here, by the command that starts it. */
export function requireWatcherConfig(): void {
  try {
    loadConfig();
  } catch (error) {
    if (!(error instanceof CpxError)) throw error;
    throw new CpxError(`no watcher can run (no bells, no after: starts): ${error.message}`, { exitCode: error.exitCode, cause: error });
  }
}

export function startWatcher(socketPath: string | undefined): void {
  const entry = process.argv[1];
  const env: NodeJS.ProcessEnv = { ...process.env, ...(socketPath ? { CPX_SOCKET_PATH: socketPath } : {}) };
  // With the exact socket path the name is not needed; without it, the name is all we have.
  if (socketPath) delete env.CPX_SOCKET;
  // Its own session (detached) so that a hung-up SSH terminal or a closed client cannot take it down.
  const child = spawn(process.execPath, [entry, 'watch', '--background'], { detached: true, stdio: 'ignore', env });
  child.unref();
}

/**
 * ensureWatcher for the end of any command: no server or no tmux is not its concern (the command
 * reported it), but a config.yaml that keeps the watcher from starting is said, as a warning.
 */
export async function ensureWatcherQuietly(known?: { watcherPid: number; socketPath: string }): Promise<void> {
  try {
    await ensureWatcher(known);
  } catch (error) {
    if (error instanceof CpxError && /^no watcher can run/.test(error.message)) process.stderr.write(`cpx: warning: ${error.message}\n`);
  }
}
