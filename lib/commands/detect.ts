// cpx detect [task|FILE|-]: classify a screen and show the rule that decided.
import { existsSync, readFileSync } from 'node:fs';
import { classifyScreen, type Classification } from '../detect/classify.js';
import { requireNamedTask } from '../tasks/lookup.js';
import { paint, print, printJson } from '../core/output.js';
import { profileFor, readScreen } from '../tasks/screen.js';
import { readStdinText } from '../core/stdin.js';

interface DetectOptions {
  agent?: string;
  json?: boolean;
  session?: string;
}

async function classifyTarget(target: string | undefined, options: DetectOptions): Promise<Classification> {
  if (target === undefined || target === '-' || existsSync(target)) {
    const screen = target === undefined || target === '-' ? await readStdinText() : readFileSync(target, 'utf8');
    return classifyScreen(screen, await profileFor(options.agent ?? 'claude'));
  }
  const task = await requireNamedTask(target, options.session);
  const profile = options.agent ? await profileFor(options.agent) : undefined;
  return (await readScreen(task, profile)).result;
}

export default async function detect(target: string | undefined, options: DetectOptions): Promise<number> {
  const r = await classifyTarget(target, options);
  if (options.json) {
    printJson({ state: r.state, kind: r.kind, detail: r.detail, choices: r.choices, selected: r.selected, numbered: r.numbered, rule: r.rule });
    return 0;
  }
  const state = r.state === 'waiting' ? paint().black.bgYellow(` ${r.state} `) : paint().bold(r.state);
  print(`state:   ${state}${r.kind ? ` (${r.kind})` : ''}`);
  if (r.detail) print(`detail:  ${r.detail}`);
  if (r.choices.length) print(`choices: ${r.choices.join('  |  ')}`);
  print(`rule:    ${r.rule}`);
  return 0;
}
