// Stage 2: a YAML mapping checked against a level of the schema (keys, then each value's kind).
import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { splitCommandLine } from '../core/argv.js';
import { UsageError } from '../core/errors.js';
import { failAt, type LayoutSource } from './read.js';
import { AGENT_PATTERN, ARRANGES, type Entry, type Fields, type Kind, type KeySpec, type KindValues } from './schema.js';
import { findClosest, suggestFix } from '../core/suggest.js';
import { taskNameProblem } from '../tasks/task.js';

/** Where a mapping sits, for messages: e.g. { section: " in task 'about'" }. */
export interface Place { section: string }

const WHAT: Record<Kind, string> = {
  label: 'a name', text: 'text', path: 'a path', agent: 'an agent name', args: 'a command line or a list of arguments',
  arrange: `one of ${ARRANGES.join(', ')}`, session: 'a tmux session name', paths: 'a file path or a list of file paths',
  env: 'a mapping of variable names to values', names: 'a task name or a list of task names', tasks: 'a list of tasks',
};

type Reader<K extends Kind> = (source: LayoutSource, node: Node, fail: (problem: string, fix: string, at?: Node) => never) => KindValues[K] | undefined;

/** The values of `raw` (a mapping) by key; empty values count as absent. */
export function readFields<Keys extends Record<string, KeySpec>>(source: LayoutSource, raw: unknown, keys: Keys, place: Place): Fields<Keys> {
  const map = resolveNode(source, raw);
  const fields: Record<string, Entry<unknown>> = {};
  if (!isMap(map)) return fields as Fields<Keys>;
  const valid = Object.keys(keys);
  for (const pair of map.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!valid.includes(key)) failAt(source, keyNode, `unknown key '${key}'${place.section}`, suggestFix(key, valid, 'valid keys are'));
    const node = resolveNode(source, pair.value);
    const spec = keys[key]!;
    if (isEmpty(node) && !isHomeTilde(node, spec.kind)) continue;
    const fail = (problem: string, fix: string, at?: Node): never => failAt(source, at ?? node, `'${key}'${place.section} ${problem}`, fix);
    const value = (READERS[spec.kind] as Reader<Kind>)(source, node!, fail);
    if (value === undefined) fail(`must be ${WHAT[spec.kind]}, not ${describeNode(node)}`, `write e.g. ${spec.example}`);
    // A program can take no NUL byte in an argument or in its environment.
    if (spec.kind !== 'tasks' && JSON.stringify(value).includes('\\u0000')) fail('has a NUL byte', 'remove it');
    fields[key] = { value, node, keyNode };
  }
  return fields as Fields<Keys>;
}

export function resolveNode(source: LayoutSource, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(source.doc) as Node | undefined) ?? null;
  return (node as Node | null) ?? null;
}

export function isEmpty(node: Node | null): boolean {
  return node == null || (isScalar(node) && node.value == null);
}

export function describeNode(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  const value = isScalar(node) ? node.value : undefined;
  return value == null ? 'empty' : JSON.stringify(value);
}

/** Strings as they are; numbers and booleans as YAML wrote them (`port: 3000` means "3000"). */
function readScalarText(node: Node): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return node.source ?? String(value);
  return undefined;
}

function readLabel(_source: LayoutSource, node: Node, fail: (p: string, f: string) => never): string | undefined {
  const value = readScalarText(node);
  if (value === undefined) return undefined;
  const wrong = taskNameProblem(value);
  if (wrong) fail(wrong.problem, wrong.fix);
  return value;
}

/** A plain `~` is YAML for null, but `dir: ~` means the home directory. */
function isHomeTilde(node: Node | null, kind: Kind): boolean {
  return kind === 'path' && isScalar(node) && node.value == null && node.source === '~' && node.type === 'PLAIN';
}

function readPath(_source: LayoutSource, node: Node): string | undefined {
  if (isHomeTilde(node, 'path')) return '~';
  const value = isScalar(node) ? node.value : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readArgs(source: LayoutSource, node: Node, fail: (p: string, f: string, at?: Node) => never): string[] | undefined {
  if (isScalar(node) && typeof node.value === 'string') {
    try {
      return splitCommandLine(node.value);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      const quote = /unterminated (.) quote/.exec(error.message)?.[1] ?? '';
      return fail(`has an unterminated ${quote} quote`, 'close the quote, or write a list of arguments');
    }
  }
  if (!isSeq(node)) return undefined;
  return node.items.map((raw) => {
    const item = resolveNode(source, raw);
    const text = item && readScalarText(item);
    return text ?? fail(`list items must be strings, not ${describeNode(item)}`, "quote it, e.g. - '--flag'", item ?? node);
  });
}

/** One string or a list of strings, each checked by `readItem`. */
function readList(source: LayoutSource, node: Node, fail: (p: string, f: string, at?: Node) => never, readItem: (item: Node) => string | undefined, what: string): string[] | undefined {
  if (isScalar(node)) {
    const one = readItem(node);
    return one === undefined ? undefined : [one];
  }
  if (!isSeq(node)) return undefined;
  return node.items.map((raw) => {
    const item = resolveNode(source, raw);
    const value = item ? readItem(item) : undefined;
    return value ?? fail(`list items must be ${what}, not ${describeNode(item)}`, 'write one per line as - item', item ?? node);
  });
}

function readEnv(source: LayoutSource, node: Node, fail: (p: string, f: string, at?: Node) => never): Record<string, string> | undefined {
  if (!isMap(node)) return undefined;
  const env: Record<string, string> = {};
  for (const pair of node.items) {
    const keyNode = pair.key as Node;
    const name = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(`has a bad variable name ${JSON.stringify(name)}`, 'use letters, digits and _ (not starting with a digit)', keyNode);
    const value = resolveNode(source, pair.value);
    const text = value ? readScalarText(value) : undefined;
    if (text === undefined) fail(`value of ${name} must be a string, not ${describeNode(value)}`, `write ${name}: '' for an empty value`, value ?? keyNode);
    env[name] = text;
  }
  return env;
}

const READERS: { [K in Kind]: Reader<K> } = {
  label: readLabel,
  text: (_source, node) => readScalarText(node),
  path: readPath,
  agent: (_source, node, fail) => {
    const value = readPath(_source, node);
    if (value !== undefined && !AGENT_PATTERN.test(value)) fail(`has an invalid agent name '${value}'`, 'use claude, shell or a profile name (a-z, 0-9, _ and -)');
    return value;
  },
  args: readArgs,
  arrange: (_source, node, fail) => {
    const value = readScalarText(node);
    if (value === undefined) return undefined;
    if ((ARRANGES as readonly string[]).includes(value)) return value as KindValues['arrange'];
    const close = findClosest(value, ARRANGES);
    return fail(`has unknown value '${value}'`, `${close ? `did you mean '${close}'? ` : ''}valid values are ${ARRANGES.join(', ')}`);
  },
  session: (_source, node, fail) => {
    const value = readPath(_source, node);
    // tmux silently turns ':' and '.' into '_', and they would break targets.
    if (value !== undefined && /[:.\x00-\x1f\x7f]/.test(value)) fail(`value '${value}' contains ':', '.' or a control character`, "use letters, digits, '-' and '_'");
    return value;
  },
  paths: (source, node, fail) => readList(source, node, fail, (item) => readPath(source, item), 'file paths'),
  env: readEnv,
  names: (source, node, fail) => readList(source, node, fail, (item) => readScalarText(item), 'task names'),
  tasks: (_source, node) => (isSeq(node) ? node : undefined),
};
