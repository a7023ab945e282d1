// Pure: which pending tasks can start, and which are blocked, given the state of what they wait for.

export interface DependencyView {
  paneId: string;
  sessionRef: string;
  task: string;
  state: string;
  after: string[];
  exitStatus?: number;
  turns: number;
  done: boolean;
}

export interface DependencyAction {
  paneId: string;
  action: 'start' | 'block';
  detail: string;
}

/** Finished: its first turn ended and it is idle, it exited 0, or the user said `cpx done`. */
export function isFinished(t: DependencyView): boolean {
  return t.done || (t.state === 'exited' && t.exitStatus === 0) || (t.state === 'idle' && t.turns > 0);
}

function failure(t: DependencyView | undefined, name: string): string | undefined {
  if (!t) return `${name} is gone`;
  if (t.state === 'exited' && t.exitStatus !== 0 && !t.done) return `${name} exited ${t.exitStatus ?? '?'}`;
  if (t.state === 'blocked') return `${name} is blocked`;
  return undefined;
}

export function decideDependents(tasks: DependencyView[]): DependencyAction[] {
  const actions: DependencyAction[] = [];
  for (const t of tasks) {
    if (t.state !== 'pending') continue;
    const deps = t.after.map((name) => ({ name, dep: tasks.find((o) => o.sessionRef === t.sessionRef && o.task === name) }));
    const failed = deps.map(({ name, dep }) => failure(dep, name)).find(Boolean);
    if (failed) actions.push({ paneId: t.paneId, action: 'block', detail: failed });
    else if (deps.every(({ dep }) => dep && isFinished(dep))) actions.push({ paneId: t.paneId, action: 'start', detail: '' });
  }
  return actions;
}

/** What a pending task's border says. */
export function pendingDetail(after: string[]): string {
  return `after ${after.join(', ')}`;
}

/**
 * What is wrong with `cpx new NAME --after A,B` among the session's tasks, or undefined: the task
 * itself (it would wait forever), a task that is not there (it would be blocked for good), or a
 * task that itself waits, directly or not, for NAME (a cycle).
 */
export function findAfterProblem(name: string, after: string[], tasks: Array<{ name: string; after: string[] }>): string | undefined {
  if (after.includes(name)) return `--after names the task itself ('${name}'): it would wait forever; leave it out`;
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const unknown = after.filter((a) => !byName.has(a));
  if (unknown.length) return `--after names no task in this session: ${unknown.join(', ')}: start it first, or see \`cpx ls\``;
  const seen = new Set<string>();
  const chain = (from: string, path: string[]): string[] | undefined => {
    if (from === name) return path;
    if (seen.has(from)) return undefined;
    seen.add(from);
    for (const next of byName.get(from)?.after ?? []) {
      const found = chain(next, [...path, next]);
      if (found) return found;
    }
    return undefined;
  };
  for (const a of after) {
    const cycle = chain(a, [name, a]);
    if (cycle) return `--after makes a cycle: ${cycle.join(' → ')}: no task of it could ever start`;
  }
  return undefined;
}
