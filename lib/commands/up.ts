// cpx up <layout>: start a layout's tasks; the ones with `after:` wait as pending until the watcher starts them.
import { findLayout } from '../layout/find.js';
import { showPath } from '../layout/paths.js';
import { formatPlan, planJson, planLayout } from '../layout/plan.js';
import type { Layout } from '../layout/schema.js';
import { checkStartable, chooseLayoutSession, formatStarted, startLayout } from '../layout/start.js';
import { loadLayout } from '../layout/validate.js';
import { paint, print, printJson } from '../core/output.js';
import { requireWritableJournal } from '../tasks/journal.js';
import { ensureWatcher, requireWatcherConfig } from '../watch/keeper.js';

interface UpOptions {
  dryRun?: boolean;
  session?: string;
  json?: boolean;
}

async function upLayout(layout: Layout, options: UpOptions): Promise<number> {
  requireWritableJournal();
  const result = await startLayout(layout, options);
  const { session, started, skipped } = result;
  if (started.length) await ensureWatcher();
  if (options.json) printJson({ layout: layout.name, file: layout.file, session, started, skipped });
  else for (const line of formatStarted(layout.name, result)) print(line);
  return 0;
}

export default async function up(nameOrPath: string, options: UpOptions): Promise<number> {
  const found = findLayout(nameOrPath, process.cwd());
  const layout = loadLayout(found.file, { cwd: process.cwd() });
  requireWatcherConfig(); // nothing starts on a broken config.yaml: nobody would watch it
  if (!options.json) print(`${paint().dim('layout:')} ${showPath(found.file)}`);
  if (options.dryRun) {
    await checkStartable(layout); // what `up` would refuse, the dry run refuses too
    const plan = planLayout(layout);
    if (options.json) printJson(planJson(plan, await chooseLayoutSession(layout, options.session)));
    else for (const line of formatPlan(plan)) print(line);
    return 0;
  }
  return upLayout(layout, options);
}
