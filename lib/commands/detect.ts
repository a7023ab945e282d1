// cpx detect [task|FILE|-]: classify a screen and show the rule that decided.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { classifyScreen, type Classification } from '../detect/classify.js';
import { requireProfile } from '../detect/profiles.js';
import { loadConfig } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import { quoteForShell } from '../core/shell-words.js';
import { requireNamedTask } from '../tasks/lookup.js';
import { listTasks } from '../tasks/task.js';
import { paint, print, printJson } from '../core/output.js';
import { profileFor, readScreen } from '../tasks/screen.js';
import { readStdinText } from '../core/stdin.js';
import type { Profile } from '../detect/profile.js';

interface DetectOptions {
  agent?: string;
  json?: boolean;
  session?: string;
}

const WHAT_TO_GIVE = 'give a task name, a FILE saved with `tmux capture-pane -p`, or - to read the screen from stdin';

/** The profile --agent names; an unknown name is a usage error, not a silent fall back to generic. */
async function chosenProfile(agent: string): Promise<Profile> {
  return requireProfile(agent, () => loadConfig().profiles);
}

/** The screen text of a FILE or stdin; refused when there is nothing in it to classify. */
async function readSavedScreen(target: string | undefined): Promise<string> {
  if (target === undefined && process.stdin.isTTY) throw new UsageError(`nothing to classify: ${WHAT_TO_GIVE}`);
  const fromStdin = target === undefined || target === '-';
  if (!fromStdin && statSync(target).isDirectory()) throw new UsageError(`'${target}' is a directory: ${WHAT_TO_GIVE}`);
  const screen = fromStdin ? await readStdinText() : readFileSync(target, 'utf8');
  if (!screen.trim()) {
    // No argument and nothing piped: the user never typed '-', so say what to give instead.
    if (target === undefined) throw new UsageError(`nothing to classify: ${WHAT_TO_GIVE}`);
    throw new UsageError(fromStdin ? 'nothing to classify: stdin was empty; pipe a screen in, e.g. `tmux capture-pane -p -t %3 | cpx detect -`' : `nothing to classify: '${target}' is empty; save a screen into it, e.g. \`tmux capture-pane -p -t %3 > ${quoteForShell(target)}\``);
  }
  return screen;
}

/** A missing file given as a path: `./x`, `dir/x`, or `x.txt` when no task has that name. */
async function refuseMissingFile(target: string, session?: string): Promise<void> {
  if (!target.includes('/') && !/\.[A-Za-z0-9]{1,8}$/.test(target)) return;
  if ((await listTasks()).some((t) => t.name === target && (!session || t.session === session || t.sessionRef === session))) return;
  throw new UsageError(`file '${target}' does not exist: ${WHAT_TO_GIVE}`);
}

async function classifyTarget(target: string | undefined, options: DetectOptions): Promise<Classification> {
  const profile = options.agent === undefined ? undefined : await chosenProfile(options.agent);
  if (target === undefined || target === '-' || existsSync(target)) {
    return classifyScreen(await readSavedScreen(target), profile ?? await profileFor('claude'));
  }
  await refuseMissingFile(target, options.session);
  const task = await requireNamedTask(target, options.session);
  return (await readScreen(task, profile)).result;
}

export default async function detect(target: string | undefined, options: DetectOptions): Promise<number> {
  const r = await classifyTarget(target, options);
  if (options.json) {
    printJson({ state: r.state, kind: r.kind, detail: r.detail, choices: r.choices, selected: r.selected, numbered: r.numbered, rule: r.rule });
    return 0;
  }
  for (const line of formatDetection(r)) print(line);
  return 0;
}

/** Labels in one column; a coloured badge's own padding sits in that column's gap, so the words still line up. */
function formatDetection(r: Classification): string[] {
  const row = (label: string, value: string) => `${`${label}:`.padEnd(9)}${value}`;
  const kind = r.kind ? ` (${r.kind})` : '';
  const badge = r.state === 'waiting' && paint().level > 0;
  const lines = [badge ? `${'state:'.padEnd(8)}${paint().black.bgYellow(` ${r.state} `)}${kind}` : row('state', `${paint().bold(r.state)}${kind}`)];
  if (r.detail) lines.push(row('detail', r.detail));
  if (r.choices.length) lines.push(row('choices', r.choices.join('  |  ')));
  lines.push(row('rule', r.rule));
  return lines;
}
