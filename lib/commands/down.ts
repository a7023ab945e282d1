// cpx down <layout>: end the tasks a layout started.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findLayout } from '../layout/find.js';
import { loadLayout } from '../layout/validate.js';
import { print } from '../core/output.js';
import { listTasks, type Task } from '../tasks/task.js';
import { confirmKill, killTasks } from '../tasks/teardown.js';

/** The layout's name: from its file when one is found, else the word itself (a layout that is up but whose file is gone). */
function layoutName(nameOrPath: string): string {
  try {
    const { file } = findLayout(nameOrPath, process.cwd());
    return existsSync(file) ? loadLayout(file, { cwd: process.cwd() }).name : nameOrPath;
  } catch {
    return nameOrPath;
  }
}

/** A path names the file the tasks were started from, even when it has moved or gone since. */
function layoutFileOf(nameOrPath: string): string | undefined {
  return nameOrPath.includes('/') || /\.ya?ml$/.test(nameOrPath) ? resolve(nameOrPath) : undefined;
}

export default async function down(nameOrPath: string, options: { yes?: boolean; session?: string }): Promise<number> {
  const name = layoutName(nameOrPath);
  const file = layoutFileOf(nameOrPath);
  const started = (t: Task) => t.layout === name || (file !== undefined && (t.definition as { layoutFile?: string }).layoutFile === file);
  const tasks = (await listTasks()).filter((t) => started(t) && (!options.session || t.session === options.session));
  if (!tasks.length) {
    print(`no tasks of layout '${name}' are running`);
    return 0;
  }
  await confirmKill(tasks, options.yes, `of layout ${name}`);
  await killTasks(tasks);
  return 0;
}
