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
