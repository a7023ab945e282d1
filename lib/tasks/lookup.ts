// Turning a task name typed by the user into one live task.
import { resolve } from 'node:path';
import { findCurrentSession, findProjectSession, projectDir } from './sessions.js';
import { listTasks, requireTask, type Task } from './task.js';

/** The session a bare name most likely means: the current one inside tmux, else this directory's. */
export async function findDefaultSession(): Promise<string | undefined> {
  const current = await findCurrentSession();
  if (current) return current.id;
  return (await findProjectSession(projectDir(resolve(process.cwd()))))?.id;
}

export async function requireNamedTask(name: string, session?: string): Promise<Task> {
  const tasks = await listTasks({ strict: true });
  if (!session && tasks.filter((t) => t.name === name).length > 1) {
    const preferred = await findDefaultSession();
    if (preferred && tasks.some((t) => t.name === name && t.sessionRef === preferred)) return requireTask(tasks, name, preferred);
  }
  return requireTask(tasks, name, session);
}
