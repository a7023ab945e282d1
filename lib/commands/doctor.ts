// cpx doctor: check what cpx depends on and say what to fix.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { AGENT_NAMES } from '../tasks/agents.js';
import { TmuxMissingError, TmuxTooOldError } from '../core/errors.js';
import { paint, print, printJson } from '../core/output.js';
import { stateDir } from '../core/paths.js';
import { findOnPath } from '../core/programs.js';
import { runLenient, serverSocket } from '../tmux/runner.js';
import { isWatcherAlive, requireWatcherConfig } from '../watch/keeper.js';
import { isSupported, MIN_TMUX_VERSION, readVersion, skipVersionCheck, versionAtLeast } from '../tmux/version.js';

interface Check {
  name: string;
  ok: boolean;
  /** A failed required check makes doctor exit 1; others are warnings. */
  required: boolean;
  detail: string;
  fix?: string;
}

async function checkTmux(): Promise<Check> {
  try {
    const found = readVersion();
    const ok = isSupported(found);
    return { name: 'tmux', ok, required: true, detail: `tmux ${found} (cpx needs ${MIN_TMUX_VERSION} or newer)`, fix: ok ? undefined : `upgrade tmux to ${MIN_TMUX_VERSION}+` };
  } catch (error) {
    if (error instanceof TmuxMissingError) return { name: 'tmux', ok: false, required: true, detail: 'tmux not found on PATH', fix: TMUX_INSTALL };
    return { name: 'tmux', ok: false, required: true, detail: `tmux could not run: ${(error as Error).message}`, fix: `make the tmux on PATH an executable tmux, or ${TMUX_INSTALL}` };
  }
}

const TMUX_INSTALL = 'install tmux (apt-get install tmux / brew install tmux)';

async function checkServer(): Promise<Check> {
  const where = serverSocket() ? `socket '${serverSocket()}'` : process.env.TMUX ? 'the current server' : 'the default server';
  try {
    // The watcher's own session (cpx-watch) is cpx's, not the user's: not counted.
    const out = await runLenient(['list-sessions', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{session_name}']);
    if (out === undefined) return { name: 'server', ok: true, required: false, detail: `no server running on ${where} (cpx new starts one)` };
    const count = out.split('\n').filter(Boolean).length;
    return { name: 'server', ok: true, required: false, detail: `server on ${where}: ${count} session${count === 1 ? '' : 's'}` };
  } catch (error) {
    // A tmux that cannot run is no server problem: its fix is tmux's.
    const tmux = error instanceof TmuxMissingError || error instanceof TmuxTooOldError;
    return { name: 'server', ok: false, required: false, detail: `server on ${where} does not answer: ${(error as Error).message}`, fix: tmux ? TMUX_INSTALL : 'check the socket, or kill the stale server' };
  }
}

/** The watcher: its config, whether it runs, and when it last looked at the tasks. */
async function checkWatcher(): Promise<Check> {
  try {
    requireWatcherConfig();
  } catch (error) {
    return { name: 'watcher', ok: false, required: true, detail: (error as Error).message, fix: 'fix config.yaml as the message says' };
  }
  const out = await runLenient(['display-message', '-p', '#{@cpx_watcher}\t#{@cpx_scanned}']).catch(() => undefined);
  const [pid, scanned] = (out ?? '').replace(/\n$/, '').split('\t').map(Number);
  if (out === undefined || !isWatcherAlive(pid)) {
    return { name: 'watcher', ok: true, required: false, detail: 'no watcher running (a cpx command starts one when there are tasks)' };
  }
  const ago = scanned ? `, last scan ${Math.max(0, Math.round((Date.now() - scanned) / 1000))}s ago` : '';
  return { name: 'watcher', ok: true, required: false, detail: `watcher running (pid ${pid}${ago})` };
}

function checkAgents(): Check[] {
  const programs: Record<string, string> = { claude: 'claude', shell: process.env.SHELL || '/bin/sh' };
  const fixes: Record<string, string> = { claude: 'npm install -g @anthropic-ai/claude-code', shell: 'set $SHELL to your shell' };
  return AGENT_NAMES.map((agent) => {
    const path = findOnPath(programs[agent]);
    return { name: `agent ${agent}`, ok: Boolean(path), required: false, detail: path ? `${agent}: ${path}` : `${agent}: '${programs[agent]}' not found on PATH`, fix: path ? undefined : fixes[agent] };
  });
}

function checkStateDir(): Check {
  const dir = stateDir();
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return { name: 'state', ok: true, required: true, detail: `journal in ${dir}` };
  } catch {
    return { name: 'state', ok: false, required: true, detail: `cannot write ${dir}`, fix: 'set XDG_STATE_HOME to a writable directory' };
  }
}

function checkNode(): Check {
  const ok = versionAtLeast(process.versions.node, '20.5');
  return { name: 'node', ok, required: true, detail: `node ${process.versions.node} (cpx needs 20.5 or newer)`, fix: ok ? undefined : 'install Node.js 20 or newer' };
}

export default async function doctor(options: { json?: boolean }): Promise<number> {
  skipVersionCheck(); // an old tmux is reported below, not thrown
  const tmux = await checkTmux();
  // With no usable tmux the server cannot be asked, and the tmux line already says what to fix.
  const checks = [checkNode(), tmux, ...(tmux.ok ? [await checkServer(), await checkWatcher()] : []), ...checkAgents(), checkStateDir()];
  const failed = checks.some((c) => c.required && !c.ok);
  if (options.json) printJson({ ok: !failed, checks });
  else {
    for (const c of checks) {
      const mark = c.ok ? paint().green('✓') : c.required ? paint().red('✗') : paint().yellow('!');
      print(`${mark} ${c.detail}${c.fix ? paint().dim(`  → ${c.fix}`) : ''}`);
    }
    print(failed ? paint().red('cpx cannot run until the ✗ lines are fixed') : 'cpx is ready');
  }
  return failed ? 1 : 0;
}
