// One answer per prompt: approve/deny hold an exclusive lock file per tmux server and pane while they
// read, type and check. The file names its holder's pid, so a holder that died leaves no lasting lock.
import { createHash } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { stateDir } from '../core/paths.js';
import type { Task } from './task.js';

/** A lock older than this is stale whatever its pid says (the pid may have been reused). */
const STALE_MS = 60_000;

export interface AnswerLock {
  release(): void;
}

function lockDir(): string {
  const runtime = process.env.XDG_RUNTIME_DIR;
  return runtime && isAbsolute(runtime) ? join(runtime, 'cpx') : stateDir();
}

/** `server` names the tmux server (its socket path): pane ids repeat across servers. */
export function answerLockPath(server: string, paneId: string): string {
  const hash = createHash('sha1').update(server).digest('hex').slice(0, 12);
  return join(lockDir(), `answer-${hash}-${paneId.replace(/\W/g, '')}.lock`);
}

function readHolder(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8').trim()) || 0;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(path: string, pid: number): boolean {
  // A pid of 0 is a lock being written this instant: stale only when old.
  try {
    if (Date.now() - statSync(path).mtimeMs > STALE_MS) return true;
  } catch {
    return false;
  }
  return pid > 0 && !isAlive(pid);
}

/** Move a stale lock aside; if another process replaced it meanwhile, put that one back. */
function clearStale(path: string, pid: number): void {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  if (readHolder(aside) !== pid) {
    try { linkSync(aside, path); } catch { /* a newer lock is there already */ }
  }
  rmSync(aside, { force: true });
}

/** The lock on the task's pane, or the pid of the live process that holds it. */
export function acquireAnswerLock(task: Task): AnswerLock | { heldBy: number } {
  const path = answerLockPath(task.socketPath, task.paneId);
  mkdirSync(lockDir(), { recursive: true, mode: 0o700 });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return { release: () => { if (readHolder(path) === process.pid) rmSync(path, { force: true }); } };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = readHolder(path);
    if (attempt >= 3) return { heldBy: pid ?? 0 };
    if (pid === undefined) continue; // released just now
    if (!isStale(path, pid)) return { heldBy: pid };
    clearStale(path, pid);
  }
}
