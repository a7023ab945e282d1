// User settings from config.yaml plus CPX_* overrides. The only module that imports yaml (lazy-load it).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { splitCommandLine } from './argv.js';
import { CpxError, UsageError } from './errors.js';
import { configDir } from './paths.js';
import { measureDistance } from './suggest.js';

export interface AlertConfig { bell: boolean; message: boolean; osc: boolean; notifySend: boolean; command: string[] | undefined }
export interface CpxConfig {
  watch: { rescanMs: number; idleDebounceMs: number; captureDelayMs: number };
  /** A task is waiting for the user (a permission prompt, a question). */
  waiting: AlertConfig;
  /** A task's turn finished (working -> idle). */
  done: AlertConfig;
  /** Directory of user agent profiles. */
  profiles: string;
}

export function defaultConfig(): CpxConfig {
  return {
    watch: { rescanMs: 2000, idleDebounceMs: 1200, captureDelayMs: 40 },
    waiting: { bell: true, message: true, osc: false, notifySend: false, command: undefined },
    done: { bell: false, message: true, osc: false, notifySend: false, command: undefined },
    profiles: join(configDir(), 'profiles'),
  };
}

const TOP_KEYS = ['watch', 'waiting', 'done', 'profiles'];
const WATCH_KEYS = { rescan_ms: 'rescanMs', idle_debounce_ms: 'idleDebounceMs', capture_delay_ms: 'captureDelayMs' } as const;
const ALERT_KEYS = { bell: 'bell', message: 'message', osc: 'osc', notify_send: 'notifySend', command: 'command' } as const;
// A rescan more often than this would keep tmux busy for nothing.
const MIN_MS: Record<string, number> = { rescan_ms: 100 };
const MAX_MS = 3_600_000;

interface Source { file: string; doc: Document; lines: LineCounter }

/** Read `path` (default: $CPX_CONFIG or $XDG_CONFIG_HOME/cpx/config.yaml); a missing file means defaults. */
export function loadConfig(path?: string, env: NodeJS.ProcessEnv = process.env): CpxConfig {
  const file = path ?? (env.CPX_CONFIG || join(configDir(), 'config.yaml'));
  const config = defaultConfig();
  const text = readConfigText(file);
  if (text !== undefined) applyFile(config, parseSource(file, text));
  applyEnv(config, env);
  return config;
}

function readConfigText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new CpxError(`${file}: cannot read the config file (${code}): fix its permissions or set CPX_CONFIG to another file`, { exitCode: 2, cause: error });
  }
}

function parseSource(file: string, text: string): Source {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const source = { file, doc, lines };
  const [error] = doc.errors;
  if (error) fail(source, error.pos[0], `YAML syntax error: ${error.message.split('\n')[0]}`, 'fix the YAML at that position');
  return source;
}

function fail(source: Source, offset: number | undefined, problem: string, fix: string): never {
  const { line, col } = source.lines.linePos(offset ?? 0);
  throw new UsageError(`${source.file}:${line}:${col}: ${problem}: ${fix}`);
}

const at = (node: Node | null | undefined): number | undefined => node?.range?.[0];

function applyFile(config: CpxConfig, source: Source): void {
  const root = source.doc.contents;
  for (const [key, node, keyNode] of readMap(source, root, '', TOP_KEYS)) {
    if (key === 'watch') applyWatch(config, source, node, keyNode);
    else if (key === 'profiles') config.profiles = readDirectory(source, node, keyNode);
    else applyAlert(config[key as 'waiting' | 'done'], source, node, keyNode, key);
  }
}

function applyWatch(config: CpxConfig, source: Source, node: Node | null, keyNode: Node): void {
  for (const [key, value] of readMap(source, node, 'watch', Object.keys(WATCH_KEYS), keyNode)) {
    config.watch[WATCH_KEYS[key as keyof typeof WATCH_KEYS]] = readMs(source, value, `watch.${key}`, MIN_MS[key] ?? 0);
  }
}

function applyAlert(alert: AlertConfig, source: Source, node: Node | null, keyNode: Node, section: string): void {
  for (const [key, value, entryKey] of readMap(source, node, section, Object.keys(ALERT_KEYS), keyNode)) {
    const name = `${section}.${key}`;
    if (key === 'command') alert.command = readCommand(source, value, name, entryKey);
    else alert[ALERT_KEYS[key as Exclude<keyof typeof ALERT_KEYS, 'command'>]] = readBoolean(source, value, name, entryKey);
  }
}

/** A mapping's entries as [key, value, key node]; `null` (an empty section) counts as an empty mapping. */
function readMap(source: Source, raw: unknown, section: string, valid: string[], owner?: Node): [string, Node | null, Node][] {
  const node = resolveAlias(source, raw);
  if (node == null || (isScalar(node) && node.value == null)) return [];
  const where = section ? `'${section}'` : 'the config';
  const example = section ? `'${section}:' and indented keys below it, such as '${valid[0]}:'` : "top-level keys such as 'waiting:'";
  if (!isMap(node)) fail(source, at(node) ?? at(owner), `${where} must be a mapping, not ${describe(node)}`, `write ${example}`);
  return node.items.map((pair) => {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!valid.includes(key)) fail(source, at(keyNode), `unknown key '${key}'${section ? ` in '${section}'` : ''}`, suggest(key, valid));
    return [key, resolveAlias(source, pair.value), keyNode];
  });
}

function resolveAlias(source: Source, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(source.doc) as Node | undefined) ?? null;
  return (node as Node | null) ?? null;
}

function readBoolean(source: Source, node: Node | null, name: string, keyNode: Node): boolean {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  fail(source, at(node) ?? at(keyNode), `'${name}' must be true or false, not ${describe(node)}`, `write ${name.split('.')[1]}: true or ${name.split('.')[1]}: false`);
}

function readMs(source: Source, node: Node | null, name: string, min: number): number {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_MS) return value;
  fail(source, at(node), `'${name}' must be a whole number of milliseconds from ${min} to ${MAX_MS}, not ${describe(node)}`, `write e.g. ${name.split('.')[1]}: ${Math.max(min, 1000)}`);
}

function readDirectory(source: Source, node: Node | null, keyNode: Node): string {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== 'string' || !value) fail(source, at(node) ?? at(keyNode), `'profiles' must be a directory path, not ${describe(node)}`, 'write e.g. profiles: ~/.config/cpx/profiles');
  if (value === '~' || value.startsWith('~/')) return join(homedir(), value.slice(1));
  // A relative path is relative to the config file, not to wherever cpx happens to run.
  return resolve(dirname(source.file), value);
}

/** A string is split like a shell would (no shell runs); a list is the argv itself; empty or null means none. */
function readCommand(source: Source, node: Node | null, name: string, keyNode: Node): string[] | undefined {
  if (node == null || (isScalar(node) && node.value == null)) return undefined;
  if (isScalar(node) && typeof node.value === 'string') {
    const argv = splitCommandOrFail(node.value, (problem) => fail(source, at(node), `'${name}' ${problem}`, 'close the quote'));
    return argv.length ? argv : undefined;
  }
  if (isSeq(node)) {
    const argv = node.items.map((item) => {
      const value = isScalar(item) ? item.value : undefined;
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      return fail(source, at(item as Node), `'${name}' list items must be strings, not ${describe(item as Node)}`, "quote it, e.g. - 'text'");
    });
    return argv.length ? argv : undefined;
  }
  fail(source, at(node) ?? at(keyNode), `'${name}' must be a command line or a list of arguments, not ${describe(node)}`, "write e.g. command: notify-me --task or command: [sh, -c, 'echo $CPX_TASK']");
}

function splitCommandOrFail(line: string, onError: (problem: string) => never): string[] {
  try {
    return splitCommandLine(line);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const quote = /unterminated (.) quote/.exec(error.message)?.[1] ?? '';
    return onError(`has an unterminated ${quote} quote`.replace('  ', ' '));
  }
}

function describe(node: Node | null | undefined): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const value = isScalar(node) ? node.value : undefined;
  return value == null ? 'empty' : JSON.stringify(value);
}

function suggest(key: string, valid: string[]): string {
  const best = valid.map((v) => [v, measureDistance(key, v)] as const).sort((a, b) => a[1] - b[1])[0];
  if (best && best[1] <= Math.max(2, Math.floor(key.length / 3))) return `did you mean '${best[0]}'?`;
  return `valid keys are ${valid.join(', ')}`;
}

function applyEnv(config: CpxConfig, env: NodeJS.ProcessEnv): void {
  const flag = (name: string) => envFlag(env, name);
  config.waiting.bell = flag('CPX_BELL') ?? config.waiting.bell;
  config.done.bell = flag('CPX_DONE_BELL') ?? config.done.bell;
  for (const alert of [config.waiting, config.done]) {
    alert.osc = flag('CPX_OSC') ?? alert.osc;
    alert.notifySend = flag('CPX_NOTIFY_SEND') ?? alert.notifySend;
  }
  const command = env.CPX_NOTIFY_COMMAND;
  if (command !== undefined) {
    const argv = splitCommandOrFail(command, (problem) => { throw new UsageError(`CPX_NOTIFY_COMMAND ${problem}: close the quote`); });
    config.waiting.command = config.done.command = argv.length ? argv : undefined;
  }
  const debounce = env.CPX_IDLE_DEBOUNCE_MS;
  if (debounce) {
    if (!/^\d+$/.test(debounce) || Number(debounce) > MAX_MS) throw new UsageError(`CPX_IDLE_DEBOUNCE_MS must be a whole number of milliseconds, not '${debounce}': e.g. CPX_IDLE_DEBOUNCE_MS=1200`);
    config.watch.idleDebounceMs = Number(debounce);
  }
}

/** 0 or 1; unset or empty leaves the setting alone. */
function envFlag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (value === '0' || value === '1') return value === '1';
  throw new UsageError(`${name} must be 0 or 1, not '${value}': set ${name}=1 to turn it on or ${name}=0 to turn it off`);
}
