// The only module that spawns tmux. Argument arrays only; never a shell string.
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import {
  NoServerError, TargetNotFoundError, TmuxCommandError, TmuxMissingError, UsageError,
} from '../core/errors.js';
import { escapeFormatArgs } from './format.js';
import { ARGV_COMMAND_BYTES, argvBytes, writeCommandFile } from './command-text.js';
import { requireSupportedTmux } from './version.js';

let socketName: string | undefined;
let socketPath: string | undefined;

/**
 * Pick the server: a -L socket name, a -S socket path (the watcher uses the exact path), or
 * neither: tmux's own choice ($TMUX inside tmux, else the default server).
 */
export function selectServer(socket: string | undefined, path?: string): void {
  socketName = socket || undefined;
  socketPath = path || undefined;
}

/**
 * A -L name (or CPX_SOCKET) as tmux takes it: a file name in tmux's socket folder. tmux accepts a '/'
 * but then looks in a subfolder it never creates, so no server could ever start there.
 */
export function requireSocketName(name: string, source: string): string {
  if (name.includes('/')) {
    throw new UsageError(`${source} '${name}' is not a socket name: tmux -L takes a plain name, no '/' (the socket lives in tmux's own folder): use e.g. -L work`);
  }
  return name;
}

export function serverSocket(): string | undefined {
  return socketName;
}

export function serverSocketPath(): string | undefined {
  return socketPath;
}

/** Global tmux flags for the selected server. */
export function serverArgs(): string[] {
  if (socketPath) return ['-S', socketPath];
  return socketName ? ['-L', socketName] : [];
}

// tmux treats an argument ending in ';' as a command separator; '\;' at the end means a literal ';'.
export function escapeArg(arg: string): string {
  return arg.endsWith(';') ? `${arg.slice(0, -1)}\\;` : arg;
}

function debug(argv: string[]): void {
  if (process.env.CPX_DEBUG) process.stderr.write(`cpx: tmux ${argv.map((a) => JSON.stringify(a)).join(' ')}\n`);
}

function classifyFailure(argv: string[], stderr: string, code: number | null): Error {
  if (/no server running|error connecting to|server exited unexpectedly/.test(stderr)) return new NoServerError(socketName);
  if (/can't find (pane|window|session|client)|no such (pane|window|session)/.test(stderr)) return new TargetNotFoundError(stderr);
  return new TmuxCommandError(argv, stderr, code);
}

export interface RunOptions {
  /** Written to tmux's stdin (e.g. for `load-buffer -`). */
  input?: string;
  /** Environment for tmux (a new server inherits it). */
  env?: NodeJS.ProcessEnv;
  /** `tmux -N`: fail rather than start a server (a watcher must never bring a killed one back). */
  noStart?: boolean;
}

// -u: tmux prints non-ASCII as '_' to a client whose locale is not UTF-8 (LANG=C over SSH, cron),
// which would turn the task `pay’ments` into `pay_ments`. cpx reads tmux's output as UTF-8.
function spawnTmux(argv: string[], opts: RunOptions): Promise<string> {
  try {
    requireSupportedTmux();
  } catch (error) {
    return Promise.reject(error);
  }
  const full = ['-u', ...(opts.noStart ? ['-N'] : []), ...serverArgs(), ...argv];
  debug(full);
  return new Promise((resolve, reject) => {
    const child = spawn('tmux', full, { env: opts.env ?? process.env, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new TmuxMissingError(e) : e));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) return resolve(stdout);
      reject(classifyFailure(full, Buffer.concat(err).toString('utf8'), code));
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}

/** Run one tmux command; every argument is taken literally (text tmux would expand as a format too). */
export function run(argv: string[], opts: RunOptions = {}): Promise<string> {
  return batch([argv], opts);
}

/** Run several tmux commands in one tmux process (`a ; b ; c`). */
export function batch(commands: string[][], opts: RunOptions = {}): Promise<string> {
  const argv = joinCommands(commands);
  return argvBytes(argv) > ARGV_COMMAND_BYTES ? runCommandFile(commands, opts) : spawnTmux(argv, opts);
}

/** Commands too long for tmux's argv (a long prompt): the server reads them from a private file. */
async function runCommandFile(commands: string[][], opts: RunOptions): Promise<string> {
  const file = writeCommandFile(commands);
  try {
    // source-file alone would not start a server; start-server does, unless -N forbids it.
    return await spawnTmux([...(opts.noStart ? [] : ['start-server', ';']), 'source-file', file.path], opts);
  } finally {
    file.remove();
  }
}

function joinCommands(commands: string[][]): string[] {
  return commands.flatMap((command, i) => [...(i ? [';'] : []), ...escapeFormatArgs(command).map(escapeArg)]);
}

/** Like run, but a missing server means "nothing there": resolves to undefined. */
export async function runLenient(argv: string[]): Promise<string | undefined> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof NoServerError) return undefined;
    throw error;
  }
}

/** Hand the terminal to tmux (attach-session); resolves to tmux's exit code. */
export function runInteractive(commands: string[][]): number {
  requireSupportedTmux();
  const argv = [...serverArgs(), ...joinCommands(commands)];
  debug(argv);
  const result = spawnSync('tmux', argv, { stdio: 'inherit' });
  if (result.error) throw (result.error as NodeJS.ErrnoException).code === 'ENOENT' ? new TmuxMissingError(result.error) : result.error;
  return result.status ?? 1;
}

/** A long-lived control-mode client (`tmux -C`), for the watcher; `commands` as for batch, `stdio` as for spawn. */
export function spawnControlClient(commands: string[][], stdio: StdioOptions = ['pipe', 'pipe', 'pipe']): ChildProcess {
  requireSupportedTmux();
  const full = ['-u', ...serverArgs(), '-C', ...joinCommands(commands)];
  debug(full);
  return spawn('tmux', full, { stdio });
}
