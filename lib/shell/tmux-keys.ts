// The tmux snippet of `cpx keys`: rendering it (cpx's path, chosen keys), finding the user's tmux.conf,
// sourcing the snippet from it once, and the live servers whose bindings it must not clobber.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../core/errors.js';
import { configDir } from '../core/paths.js';
import { run, runLenient, selectServer, serverSocket, serverSocketPath } from '../tmux/runner.js';

/** One `bind-key -N 'cpx <verb>: …' <key> …` line of the snippet. */
export interface Binding {
  verb: string;
  key: string;
}

const BINDING = /^(bind-key -N 'cpx ([a-z]+):[^']*' )(\S+)( .*)$/;
const BIN_LINE = /^set -g @cpx_bin .*$/m;

export function readSnippet(): string {
  return readFileSync(new URL('../completions/cpx.tmux', import.meta.url), 'utf8');
}

/** The bindings a snippet makes, in order, with their default keys. */
export function listBindings(snippet: string): Binding[] {
  return snippet.split('\n').map((line) => BINDING.exec(line)).filter((m) => m !== null).map((m) => ({ verb: m[2], key: m[3] }));
}

/** A string as one word of tmux's configuration language. */
export function quoteTmux(text: string): string {
  if (/^[\w./%@+-]+$/.test(text)) return text;
  if (!text.includes("'")) return `'${text}'`;
  return `"${text.replace(/["\\$;~]/g, (c) => `\\${c}`)}"`;
}

/** tmux key names: a character, a named key (F1, Up, PPage), with C-/M-/S- modifiers. */
export function validateKey(flag: string, key: string): string {
  if (key === 'none' || /^(?:[CMS]-)*(?:[!-~]|[A-Z][A-Za-z0-9]+)$/.test(key)) return key;
  throw new UsageError(`--${flag} '${key}' is not a tmux key: write it like N, C-y, M-n or F5 (or none to leave it out)`);
}

export interface RenderOptions {
  bin: string;
  /** verb → key, or 'none'; missing verbs keep the snippet's key. */
  keys?: Record<string, string>;
  /** verb → why it is left out (commented out in the output). */
  skip?: Map<string, string>;
  status?: boolean;
}

export function renderSnippet(snippet: string, options: RenderOptions): string {
  const withBin = snippet.replace(BIN_LINE, `set -g @cpx_bin ${quoteTmux(options.bin)}`);
  const lines = withBin.split('\n').map((line) => {
    const m = BINDING.exec(line);
    if (!m) return line;
    const key = options.keys?.[m[2]] ?? m[3];
    const why = key === 'none' ? 'left out (none)' : options.skip?.get(m[2]);
    const bound = `${m[1]}${key === 'none' ? m[3] : quoteTmux(key)}${m[4]}`;
    return why ? `# ${why}:\n# ${bound}` : bound;
  });
  const text = lines.join('\n');
  if (options.status !== false) return text;
  return text.replace(/^%if "#\{==:#\{m:\*(@cpx_status|watch --ensure)[\s\S]*?%endif\n/gm, '').replace(/^%if "#\{e\|<\|:#\{status-right-length[\s\S]*?%endif\n/m, '');
}

/**
 * The user's tmux.conf as tmux 3.3 finds it (its TMUX_CONF: ~/.tmux.conf, then
 * $XDG_CONFIG_HOME/tmux/tmux.conf, then ~/.config/tmux/tmux.conf): the first that exists;
 * with none, cpx creates ~/.tmux.conf.
 */
export function findUserConf(): string {
  const home = homedir();
  const xdg = process.env.XDG_CONFIG_HOME;
  const candidates = [join(home, '.tmux.conf'), ...(xdg ? [join(xdg, 'tmux', 'tmux.conf')] : []), join(home, '.config', 'tmux', 'tmux.conf')];
  return candidates.find((file) => existsSync(file)) ?? candidates[0];
}

export function cpxConfPath(): string {
  return join(configDir(), 'tmux.conf');
}

/** cpx's own file: replaced atomically, and only when its text changes; true when it was written. */
export function writeCpxConf(path: string, text: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return true;
}

export interface SourceResult {
  added: boolean;
  backup?: string;
  line: string;
}

/**
 * One `source-file` line at the end of the user's file, once. The user's file is appended to, not
 * rewritten, so a symlinked dotfile stays a symlink; a backup is made before the first change.
 */
export function addSourceLine(conf: string, cpxConf: string): SourceResult {
  const line = `source-file -q ${quoteTmux(cpxConf)}`;
  const text = existsSync(conf) ? readFileSync(conf, 'utf8') : undefined;
  const present = (text ?? '').split('\n').some((l) => /^\s*source(?:-file)?\s/.test(l) && l.includes(cpxConf));
  if (present) return { added: false, line };
  let backup: string | undefined;
  if (text !== undefined) {
    backup = `${conf}.cpx-backup`;
    if (!existsSync(backup)) copyFileSync(conf, backup);
  }
  mkdirSync(dirname(conf), { recursive: true });
  appendFileSync(conf, `${text && !text.endsWith('\n') ? '\n' : ''}${line}\n`);
  return { added: true, backup, line };
}

/** Live servers the user has: this one (inside tmux), the default one, and -L/CPX_SOCKET; by socket path. */
export function listServerPaths(): string[] {
  const dir = join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid?.() ?? 0}`);
  const current = process.env.TMUX ? process.env.TMUX.split(',')[0] : undefined;
  const named = serverSocket() ? join(dir, serverSocket()!) : undefined;
  const paths = [serverSocketPath(), named, current, join(dir, 'default')].filter((p): p is string => Boolean(p));
  return [...new Set(paths)].filter((p) => existsSync(p));
}

/** Run fn with each server selected in turn; the previous selection comes back afterwards. */
export async function forEachServer<T>(paths: string[], fn: (label: string) => Promise<T | undefined>): Promise<Map<string, T>> {
  const [name, path] = [serverSocket(), serverSocketPath()];
  const results = new Map<string, T>();
  try {
    for (const p of paths) {
      selectServer(undefined, p);
      const value = await fn(basename(p));
      if (value !== undefined) results.set(basename(p), value);
    }
  } finally {
    selectServer(name, path);
  }
  return results;
}

/** The prefix table of the selected server: key → command; undefined when no server answers. */
export async function readPrefixKeys(): Promise<Map<string, string> | undefined> {
  const out = await runLenient(['list-keys', '-T', 'prefix']);
  if (out === undefined) return undefined;
  const keys = new Map<string, string>();
  for (const line of out.split('\n')) {
    const m = /^bind-key\s+(?:-r\s+)?-T\s+prefix\s+(\S+)\s+(.*)$/.exec(line);
    // list-keys escapes some keys (\#, \;, \"): compare the bare key.
    if (m) keys.set(m[1].length === 2 && m[1].startsWith('\\') ? m[1].slice(1) : m[1], m[2].trim());
  }
  return keys;
}

/** A binding cpx made (the snippet's commands all mention a @cpx_ option). */
export function isCpxCommand(command: string): boolean {
  return command.includes('@cpx_');
}

/** Load cpx's file into the selected server and drop cpx bindings that moved to other keys. */
export async function reloadServer(cpxConf: string, keys: string[], live: Map<string, string>): Promise<void> {
  for (const [key, command] of live) {
    if (isCpxCommand(command) && !keys.includes(key)) await run(['unbind-key', '-T', 'prefix', key]);
  }
  await run(['source-file', cpxConf]);
}
