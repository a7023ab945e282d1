// Stages 2-4 of a layout: schema (keys and kinds), references (names, after), then the file system.
// Everything is checked before anything is returned, so `cpx up` never starts half a bad file.
import { statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { describeNode, readFields, resolveNode } from './fields.js';
import { requireKnownAgent } from './agents.js';
import { checkDependencies } from './graph.js';
import { expandPath } from './paths.js';
import { failAt, positionOf, readLayout, type LayoutSource } from './read.js';
import { taskNameProblem } from '../tasks/task.js';
import { LAYOUT_KEYS, TASK_KEYS, type Entry, type Fields, type Layout, type LayoutTask } from './schema.js';

export interface ValidateOptions {
  /** Where `cpx up` runs: the default `dir`, and the base of a relative layout path. */
  cwd: string;
}

type TopFields = Fields<typeof LAYOUT_KEYS>;
type TaskFields = Fields<typeof TASK_KEYS>;
interface RawTask { name: string; node: Node; fields: TaskFields }

/** Read and validate the layout file at `file`. */
export function loadLayout(file: string, options: ValidateOptions): Layout {
  return validateLayout(readLayout(resolve(options.cwd, file)), options);
}

export function validateLayout(source: LayoutSource, options: ValidateOptions): Layout {
  const file = resolve(options.cwd, source.file);
  const root = resolveNode(source, source.doc.contents);
  if (!isMap(root)) {
    const problem = root == null ? 'the layout is empty' : `the layout must be a mapping, not ${describeNode(root)}`;
    failAt(source, root, problem, "write top-level keys such as 'tasks:' with a list of tasks below it");
  }
  const top = readFields(source, root, LAYOUT_KEYS, { section: '' });
  checkTopCombinations(source, top);
  const raw = readTasks(source, root, top);
  checkDependencies(source, raw.map((t) => ({ name: t.name, after: listItems(source, t.fields.after) })));
  const dir = requireDirectory(source, top.dir, dirname(file), options.cwd);
  const layoutFiles = requireFiles(source, top.ground_files, dir);
  const tasks = raw.map((t) => resolveTask(source, top, t, dir, layoutFiles));
  const name = top.name?.value ?? basename(file, extname(file));
  const layout: Layout = { file, name, dir, arrange: top.arrange?.value ?? 'windows', tasks };
  if (top.session) layout.session = top.session.value;
  return layout;
}

function checkTopCombinations(source: LayoutSource, top: TopFields): void {
  if (top.agent_args && top.agent?.value === 'shell') {
    failAt(source, top.agent_args.keyNode, "'agent_args' does nothing with agent shell", 'remove it, or set it on the tasks that run an agent');
  }
}

/** The `tasks:` list: each a mapping with a unique name, a prompt unless it needs none, and no conflicting keys. */
function readTasks(source: LayoutSource, root: YAMLMap, top: TopFields): RawTask[] {
  const list = top.tasks?.value;
  if (!isSeq(list)) {
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'tasks');
    failAt(source, pair?.key ?? root, "the layout has no tasks", "add 'tasks:' with a list below it, e.g. '  - name: about' and '    prompt: Create the about page.'");
  }
  if (!list.items.length) failAt(source, list, "'tasks' is empty", 'add at least one task, e.g. - { name: about, prompt: Create the about page. }');
  const seen = new Map<string, Node>();
  return list.items.map((item, index) => {
    const node = resolveNode(source, item);
    if (!isMap(node)) failAt(source, node ?? list, `task ${index + 1} must be a mapping, not ${describeNode(node)}`, 'write - name: <label> and prompt: <what to do> below it');
    const label = peekName(node);
    const fields = readFields(source, node, TASK_KEYS, { section: label ? ` in task '${label}'` : ` in task ${index + 1}` });
    if (!fields.name) failAt(source, node, `task ${index + 1} has no name`, 'add name: <label>, unique in this file');
    const name = fields.name.value;
    const first = seen.get(name);
    if (first) failAt(source, fields.name.node, `duplicate task name '${name}' (first on line ${positionOf(source, first).line})`, 'give each task a unique name');
    seen.set(name, fields.name.node as Node);
    checkTaskCombinations(source, top, { name, node, fields });
    return { name, node, fields };
  });
}

/** The name as written, for messages about a task whose name has not been checked yet. */
function peekName(node: YAMLMap): string | undefined {
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === 'name');
  const name = isScalar(pair?.value) && pair.value.value != null ? String(pair.value.value) : '';
  // An unprintable or overlong name would garble its own error message.
  return taskNameProblem(name) ? undefined : name;
}

function checkTaskCombinations(source: LayoutSource, top: TopFields, task: RawTask): void {
  const { fields, name } = task;
  if (fields.cmd && fields.agent) {
    const later = positionOf(source, fields.cmd.keyNode).line >= positionOf(source, fields.agent.keyNode).line ? fields.cmd : fields.agent;
    failAt(source, later.keyNode, `task '${name}' has both 'cmd' and 'agent'`, 'use one: cmd runs any program, agent starts an agent');
  }
  if (fields.cmd && !fields.cmd.value.length) failAt(source, fields.cmd.node, `'cmd' in task '${name}' is empty`, 'give a program, e.g. cmd: npm run dev');
  const agent = fields.agent?.value ?? top.agent?.value ?? 'claude';
  if (fields.agent_args && (fields.cmd || agent === 'shell')) {
    const fix = fields.cmd ? 'put the arguments into cmd' : 'remove it: shell takes no agent arguments';
    failAt(source, fields.agent_args.keyNode, `'agent_args' in task '${name}' does nothing with ${fields.cmd ? 'cmd' : 'agent shell'}`, fix);
  }
}

function resolveTask(source: LayoutSource, top: TopFields, raw: RawTask, layoutDir: string, layoutFiles: string[]): LayoutTask {
  const { fields } = raw;
  const dir = requireDirectory(source, fields.dir, layoutDir, layoutDir);
  const cmd = fields.cmd?.value;
  const agent = cmd ? undefined : fields.agent?.value ?? top.agent?.value ?? 'claude';
  if (!cmd) requireKnownAgent(source, fields.agent ?? top.agent);
  const task: LayoutTask = {
    name: raw.name,
    prompt: (fields.prompt?.value ?? '').trimEnd(),
    dir,
    agentArgs: chooseAgentArgs(top, fields, agent),
    env: { ...top.env?.value, ...fields.env?.value },
    after: fields.after?.value ?? [],
    groundText: [top.ground?.value, fields.ground?.value].map((g) => (g ?? '').trimEnd()).filter(Boolean).join('\n'),
    groundFiles: [...new Set([...layoutFiles, ...requireFiles(source, fields.ground_files, dir)])],
  };
  // Keys only when set, so a Layout compares and serialises cleanly.
  if (agent) task.agent = agent;
  if (cmd) task.cmd = cmd;
  if (fields.window) task.window = fields.window.value;
  return task;
}

/** The layout's agent_args go with the layout's agent: a task that picks another agent does not get them. */
function chooseAgentArgs(top: TopFields, fields: TaskFields, agent: string | undefined): string[] {
  if (fields.agent_args) return fields.agent_args.value;
  if (!agent || agent === 'shell') return [];
  const layoutAgent = top.agent?.value ?? 'claude';
  return agent === layoutAgent ? [...(top.agent_args?.value ?? [])] : [];
}

/** The items of a one-or-list value with their nodes (a single scalar is its own item). */
function listItems(source: LayoutSource, entry: Entry<string[]> | undefined): Array<{ name: string; node: unknown }> {
  if (!entry) return [];
  const nodes = isSeq(entry.node) ? entry.node.items.map((i) => resolveNode(source, i)) : [entry.node];
  return entry.value.map((name, i) => ({ name, node: nodes[i] }));
}

function requireDirectory(source: LayoutSource, entry: Entry<string> | undefined, base: string, fallback: string): string {
  if (!entry) return fallback;
  const dir = expandPath(entry.value, base);
  const kind = statKind(dir);
  if (kind === 'directory') return dir;
  const problem = kind === 'missing' ? `directory '${entry.value}' does not exist (${dir})` : `'${entry.value}' is not a directory (${dir})`;
  return failAt(source, entry.node, problem, "create it, or fix 'dir'");
}

function requireFiles(source: LayoutSource, entry: Entry<string[]> | undefined, base: string): string[] {
  return listItems(source, entry).map(({ name, node }) => {
    const file = expandPath(name, base);
    const kind = statKind(file);
    if (kind === 'file') return file;
    const problem = kind === 'missing' ? `ground file '${name}' does not exist (${file})` : `ground file '${name}' is not a file (${file})`;
    return failAt(source, node, problem, "create it, or remove it from 'ground_files'");
  });
}

function statKind(path: string): 'file' | 'directory' | 'other' | 'missing' {
  try {
    const stat = statSync(path);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}
