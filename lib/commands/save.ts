// cpx save <name|path>: write the current session's tasks as a layout file that `cpx up` recreates.
import { mkdirSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { CpxError, UsageError } from '../core/errors.js';
import { quoteForShell } from '../core/shell-words.js';
import type { Arrange } from '../layout/schema.js';
import { formatLayout, writeFileAtomic, type TaskDraft } from '../layout/write.js';
import { showPath } from '../layout/paths.js';
import { findDefaultSession } from '../tasks/lookup.js';
import { paint, print } from '../core/output.js';
import { findSessionByName, projectDir } from '../tasks/sessions.js';
import { listTasks, type Task } from '../tasks/task.js';

interface Definition {
  agentArgs?: string[];
  cmd?: string[];
  env?: Record<string, string>;
  ground?: string;
  groundFiles?: string[];
  window?: string;
  arrange?: Arrange;
}

function definitionOf(task: Task): Definition {
  return task.definition as Definition;
}

function draftOf(task: Task, shared: Map<string, number>): TaskDraft {
  const def = definitionOf(task);
  // Tasks that share a window (cpx new --pane, or a layout's window:) keep sharing it.
  const window = def.window ?? ((shared.get(task.windowId) ?? 0) > 1 ? task.windowName : undefined);
  return {
    name: task.name, prompt: task.prompt, dir: task.dir, after: task.after, window,
    ...(def.cmd ? { cmd: def.cmd } : { agent: task.agent, agentArgs: def.agentArgs ?? [] }),
    env: def.env ?? {}, groundText: def.ground ?? '', groundFiles: def.groundFiles ?? [],
  };
}

// A name is a file name in ./layouts that `cpx up NAME` finds again: no path, no leading dot or dash.
const LAYOUT_NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_.+@-]*$/u;

function targetFile(nameOrPath: string): { file: string; name: string } {
  if (nameOrPath.includes('/') || ['.yaml', '.yml'].includes(extname(nameOrPath))) {
    if (['.', '..'].includes(nameOrPath.replace(/\/+$/, '').replace(/^.*\//, ''))) throw new UsageError(`'${nameOrPath}' is a folder, not a layout file: give a file such as ${join(nameOrPath, 'sprint.yaml')}`);
    const file = resolve(nameOrPath);
    return { file, name: file.replace(/^.*\//, '').replace(/\.ya?ml$/, '') };
  }
  if (!LAYOUT_NAME.test(nameOrPath)) {
    throw new UsageError(`'${nameOrPath}' is not a layout name: use letters, digits and _ . + @ - (not first), e.g. \`cpx save sprint-12\`, or a path ending in .yaml`);
  }
  return { file: join(process.cwd(), 'layouts', `${nameOrPath}.yaml`), name: nameOrPath };
}

export default async function save(nameOrPath: string, options: { force?: boolean; session?: string }): Promise<number> {
  const { file, name } = targetFile(nameOrPath);
  const ref = options.session ? (await findSessionByName(options.session))?.id : await findDefaultSession();
  const tasks = (await listTasks()).filter((t) => t.sessionRef === ref);
  if (!tasks.length) throw new CpxError('no tasks to save in this session: start some with `cpx new`, or pass --session <name>');
  const shared = new Map<string, number>();
  for (const t of tasks) shared.set(t.windowId, (shared.get(t.windowId) ?? 0) + 1);
  const arrange = definitionOf(tasks[0]).arrange ?? 'windows';
  const text = formatLayout({ name, dir: projectDir(process.cwd()), arrange, tasks: tasks.map((t) => draftOf(t, shared)) }, { fileDir: dirname(file) });
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, text, { force: options.force });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof CpxError || !code) throw error;
    throw new CpxError(`cannot write ${showPath(file)} (${code}): save to a folder you can write, e.g. \`cpx save ~/sprint.yaml\``, { cause: error });
  }
  print(`${paint().green('saved')} ${tasks.length} task(s) to ${showPath(file)}: start them again with \`cpx up ${quoteForShell(nameOrPath)}\``);
  return 0;
}
