// The one way tests wait: poll with a deadline; on timeout show what the pane looked like.
import { spawnSync } from 'node:child_process';

export interface UntilOptions {
  timeout?: number;
  every?: number;
  /** What we waited for, for the failure message. */
  what?: string;
  /** Pane to show on failure: [socket, target]. */
  pane?: [string, string];
}

function capture(socket: string, target: string): string {
  const out = spawnSync('tmux', ['-L', socket, 'capture-pane', '-p', '-t', target], { encoding: 'utf8' });
  return out.stdout || out.stderr;
}

type Falsy = false | 0 | '' | null | undefined;

export async function until<T>(check: () => T | Promise<T>, options: UntilOptions = {}): Promise<Exclude<T, Falsy>> {
  const { timeout = 5000, every = 25 } = options;
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Exclude<T, Falsy>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, every));
  }
  const rule = '─'.repeat(60);
  const screen = options.pane ? `\n${rule}\n${capture(...options.pane)}${rule}` : '';
  const cause = last instanceof Error ? ` (last error: ${last.message})` : '';
  throw new Error(`timed out after ${timeout} ms waiting for ${options.what ?? 'condition'}${cause}${screen}`);
}

/**
 * uvu has no per-test timeout: a test that never settles would silently stop the file. A deadline
 * catches hangs, not slowness: it is three times the time a test is given, so a loaded machine
 * (several suites on two cores) does not turn a slow pass into a failure.
 */
export function withDeadline(given: number, fn: () => Promise<void>): () => Promise<void> {
  const ms = given * 3;
  return () => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`test exceeded its ${ms} ms deadline`)), ms);
    fn().then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
