// A private tmux server per test file: started here, killed here, socket file removed.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { scratchDir } from './scratch.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURE_BIN = join(ROOT, 'test/fixtures/bin');
export const CPX = join(ROOT, 'bin/cpx');

const started = new Set<string>();
process.on('exit', () => {
  for (const socket of started) stopSocket(socket);
});

function socketPath(socket: string): string {
  const uid = process.getuid?.() ?? 0;
  return join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${uid}`, socket);
}

function stopSocket(socket: string): void {
  // The panes' programs and the watcher get SIGHUP and may still write to HOME while they exit:
  // wait for them (a few seconds at most) so the scratch folders removed next stay removed.
  const listed = spawnSync('tmux', ['-L', socket, 'list-panes', '-a', '-F', '#{pane_pid} #{@cpx_watcher}'], { encoding: 'utf8' });
  const pids = new Set((listed.stdout ?? '').split(/\s+/).map(Number).filter((pid) => pid > 1));
  spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  rmSync(socketPath(socket), { force: true });
  started.delete(socket);
  const deadline = Date.now() + 3000;
  while ([...pids].some(isRunning) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}

/** Is the process running? A zombie (killed, not yet reaped by its parent) is not. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return true;
  }
}

export interface TestServer {
  socket: string;
  /** Scratch directory for this file: XDG dirs, fake agent logs, project dirs. */
  home: string;
  env: NodeJS.ProcessEnv;
  /** Run tmux against this server (test code may talk to tmux directly to observe). */
  tmux(...args: string[]): string;
  kill(): void;
}

/**
 * Environment cpx runs with in tests: outside tmux, private socket, XDG in a temp dir, fixture agents
 * first (among them a link to bin/cpx: cpx is on PATH as when installed, and its hints say `cpx`).
 */
export function testEnv(socket: string, home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CPX_SOCKET: socket,
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CONFIG_HOME: join(home, 'config'),
    FAKE_AGENT_LOG: join(home, 'agent-log'),
    NO_COLOR: '1',
    SHELL: '/bin/bash',
    PATH: `${FIXTURE_BIN}:${process.env.PATH}`,
    ...extra,
  };
  delete env.TMUX;
  delete env.TMUX_PANE;
  delete env.CPX_DEBUG;
  return env;
}

/**
 * Start a server on `cpx-t-<pid>-<file>` with no user config. It keeps one plain session
 * (`keep`) so the server lives until kill().
 */
export function startServer(testFile: string, extraEnv: NodeJS.ProcessEnv = {}): TestServer {
  const socket = `cpx-t-${process.pid}-${basename(testFile).replace(/\W+/g, '-')}`;
  const home = mkdtempSync(join(tmpdir(), 'cpx-test-'));
  const env = testEnv(socket, home, extraEnv);
  const tmux = (...args: string[]) => {
    const result = spawnSync('tmux', ['-L', socket, ...args], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  started.add(socket);
  tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'keep', '-x', '160', '-y', '50');
  return {
    socket, home, env, tmux,
    kill: () => {
      stopSocket(socket);
      // The watcher may still be writing its log there for a moment.
      rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
}

/**
 * A HOME for tests whose tasks run a real bash: a minimal ~/.bashrc keeps the user's own (slow under
 * load) out. Removed when the test process exits.
 */
export function quietShellHome(label: string): string {
  const home = scratchDir(`${label}-home`);
  writeFileSync(join(home, '.bashrc'), "PS1='$ '\nunset HISTFILE\n");
  return home;
}
