// `after:` as a graph: references must name other tasks of the file, without cycles; start order is stable.
import { failAt, type LayoutSource } from './read.js';
import { suggestFix } from '../core/suggest.js';

/** A task's dependencies with the YAML node of each, to point at. */
export interface TaskLinks {
  name: string;
  after: Array<{ name: string; node: unknown }>;
}

/** Every `after:` names another task of this file, and no chain of them comes back to where it started. */
export function checkDependencies(source: LayoutSource, tasks: TaskLinks[]): void {
  const names = tasks.map((t) => t.name);
  for (const task of tasks) {
    for (const dep of task.after) {
      if (dep.name === task.name) failAt(source, dep.node, `task '${task.name}' depends on itself`, `remove '${dep.name}' from its 'after'`);
      if (!names.includes(dep.name)) {
        const others = names.filter((n) => n !== task.name);
        failAt(source, dep.node, `'after' in task '${task.name}' names unknown task '${dep.name}'`, others.length ? suggestFix(dep.name, others, 'tasks in this file are') : 'it is the only task in this file');
      }
    }
  }
  const cycle = findCycle(tasks);
  if (cycle) {
    const [first, second] = cycle;
    const node = tasks.find((t) => t.name === first)!.after.find((d) => d.name === second)!.node;
    failAt(source, node, `dependency cycle: ${cycle.join(' → ')}`, "remove one of these 'after' entries");
  }
}

/** The first cycle met in file order, starting and ending at its earliest task; undefined if none. */
export function findCycle(tasks: Array<{ name: string; after: Array<{ name: string }> }>): string[] | undefined {
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'open') return path.slice(path.indexOf(name));
    state.set(name, 'open');
    path.push(name);
    for (const dep of byName.get(name)?.after ?? []) {
      const found = visit(dep.name);
      if (found) return found;
    }
    path.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const task of tasks) {
    const loop = visit(task.name);
    if (loop) return rotateToEarliest(loop, tasks.map((t) => t.name));
  }
  return undefined;
}

function rotateToEarliest(loop: string[], order: string[]): string[] {
  const start = loop.reduce((best, name, i) => (order.indexOf(name) < order.indexOf(loop[best]!) ? i : best), 0);
  const rotated = [...loop.slice(start), ...loop.slice(0, start)];
  return [...rotated, rotated[0]!];
}

/** Dependencies first; otherwise file order (a task moves only as far as it must). Assumes no cycles. */
export function orderTasks<T extends { name: string; after: string[] }>(tasks: T[]): T[] {
  const placed = new Set<string>();
  const ordered: T[] = [];
  const waiting = [...tasks];
  while (waiting.length) {
    const index = waiting.findIndex((t) => t.after.every((dep) => placed.has(dep)));
    if (index < 0) throw new Error(`orderTasks: cycle among ${waiting.map((t) => t.name).join(', ')}`);
    const [next] = waiting.splice(index, 1);
    ordered.push(next!);
    placed.add(next!.name);
  }
  return ordered;
}
