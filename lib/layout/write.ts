// `cpx save`: a layout as YAML that reads back (read + validate) to the same tasks, written atomically.
import { existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { Document, isSeq, visit } from 'yaml';
import { UsageError } from '../core/errors.js';
import { findInside, showPath } from './paths.js';
import type { Arrange } from './schema.js';

/** A task as `cpx save` knows it; a validated LayoutTask is one too. Paths are absolute. */
export interface TaskDraft {
  name: string;
  prompt?: string;
  dir?: string;
  agent?: string;
  agentArgs?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  after?: string[];
  window?: string;
  groundText?: string;
  groundFiles?: string[];
}

/** A layout to write; a validated Layout is one too. */
export interface LayoutDraft {
  name?: string;
  /** Absolute; task dirs are written relative to it. */
  dir: string;
  arrange?: Arrange;
  session?: string;
  tasks: TaskDraft[];
}

export interface FormatOptions {
  /** The folder the file will be written to: `dir` is written relative to it when that stays close. */
  fileDir?: string;
}

const FLOW_KEYS = new Set(['after', 'agent_args', 'cmd', 'ground_files']);

/** What every task shares is written once at the top; the rest per task. */
export function formatLayout(draft: LayoutDraft, options: FormatOptions = {}): string {
  const shared = findShared(draft.tasks);
  const top: Record<string, unknown> = {};
  if (draft.name) top.name = draft.name;
  top.dir = writeLayoutDir(draft.dir, options.fileDir);
  if (draft.session) top.session = draft.session;
  if (draft.arrange && draft.arrange !== 'windows') top.arrange = draft.arrange;
  if (shared.agent !== 'claude') top.agent = shared.agent;
  if (shared.agentArgs.length) top.agent_args = shared.agentArgs;
  if (shared.env) top.env = shared.env;
  if (shared.groundText) top.ground = shared.groundText;
  if (shared.groundFiles) top.ground_files = shared.groundFiles.map((file) => writePath(file, draft.dir));
  top.tasks = draft.tasks.map((task) => formatTask(task, draft.dir, shared));
  const doc = new Document(top);
  doc.commentBefore = ' cpx layout: start it with `cpx up <this file>`; see what each task is told with --dry-run';
  visit(doc, { Pair: (_, pair) => { if (isSeq(pair.value) && FLOW_KEYS.has(String(pair.key))) pair.value.flow = true; } });
  // Literal blocks keep multi-line prompts readable and exact; no folding of long lines.
  return doc.toString({ blockQuote: 'literal', lineWidth: 0, flowCollectionPadding: false });
}

interface Shared { agent: string; agentArgs: string[]; env?: Record<string, string>; groundText?: string; groundFiles?: string[] }

function findShared(tasks: TaskDraft[]): Shared {
  const agentTasks = tasks.filter((t) => !t.cmd);
  const agent = findCommon(agentTasks.map((t) => t.agent ?? 'claude')) ?? 'claude';
  const heirs = agentTasks.filter((t) => (t.agent ?? 'claude') === agent && agent !== 'shell');
  return {
    agent,
    agentArgs: findCommon(heirs.map((t) => t.agentArgs ?? [])) ?? [],
    env: findCommon(tasks.map((t) => t.env ?? {})),
    groundText: findCommon(tasks.map((t) => t.groundText ?? '')) || undefined,
    groundFiles: findCommon(tasks.map((t) => t.groundFiles ?? [])),
  };
}

/** The value every item has (compared as JSON), if they all have the same non-empty one. */
function findCommon<T>(values: T[]): T | undefined {
  const json = values.map((v) => JSON.stringify(v));
  if (!values.length || json.some((j) => j !== json[0]) || ['""', '[]', '{}'].includes(json[0]!)) return undefined;
  return values[0];
}

function formatTask(task: TaskDraft, layoutDir: string, shared: Shared): Record<string, unknown> {
  const out: Record<string, unknown> = { name: task.name };
  if (task.after?.length) out.after = task.after;
  const dir = task.dir ?? layoutDir;
  if (dir !== layoutDir) out.dir = writePath(dir, layoutDir, './');
  if (task.cmd) out.cmd = task.cmd;
  else {
    const agent = task.agent ?? 'claude';
    if (agent !== shared.agent) out.agent = agent;
    const inherited = agent === shared.agent ? shared.agentArgs : [];
    const args = task.agentArgs ?? [];
    // shell takes no arguments; validation would reject them.
    if (agent !== 'shell' && JSON.stringify(args) !== JSON.stringify(inherited)) out.agent_args = args;
  }
  if (task.window) out.window = task.window;
  if (task.env && Object.keys(task.env).length && !shared.env) out.env = task.env;
  if (task.groundText && !shared.groundText) out.ground = task.groundText;
  if (task.groundFiles?.length && !shared.groundFiles) out.ground_files = task.groundFiles.map((file) => writePath(file, dir));
  if (task.prompt) out.prompt = task.prompt;
  return out;
}

/** Relative to `base` when inside it, else `~/…` or absolute (the reader resolves all three). */
function writePath(path: string, base: string, prefix = ''): string {
  const rel = findInside(path, base);
  return rel === undefined ? showPath(path) : rel === '' ? '.' : prefix + rel;
}

/** `.`/`..`-relative when the file sits in or just below the dir (a project's layouts/ folder), else `~/…` or absolute. */
function writeLayoutDir(dir: string, fileDir: string | undefined): string {
  if (!fileDir) return showPath(dir);
  const rel = relative(fileDir, dir);
  const ups = rel.split(sep).filter((part) => part === '..').length;
  if (ups === 0) return rel ? `./${rel}` : '.';
  return ups === 1 && (rel === '..' || rel.startsWith(`..${sep}`)) ? rel : showPath(dir);
}

/** Write via a temp file in the same folder, so a reader never sees half a file. */
export function writeFileAtomic(path: string, text: string, options: { force?: boolean } = {}): void {
  if (!options.force && existsSync(path)) throw new UsageError(`${path} already exists: add --force to overwrite it`);
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, text);
    if (options.force) renameSync(temp, path);
    // link fails if the file appeared meanwhile, where rename would silently replace it.
    else linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${path} already exists: add --force to overwrite it`);
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}
