// Pure: a screen (text as capture-pane prints it) and a profile in, a state out. No I/O.
import type { Profile, PromptRule } from './profile.js';

export type ScreenState = 'working' | 'waiting' | 'idle' | 'unknown';

export interface Classification {
  state: ScreenState;
  kind: string;
  detail: string;
  choices: string[];
  /** Index in `choices` of the highlighted one. */
  selected: number;
  /** The choices carry the agent's own numbers (type the digit) rather than ours (use arrows). */
  numbered: boolean;
  rule: string;
}

const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

const cache = new Map<string, RegExp>();
function re(source: string, flags = 'm'): RegExp {
  const key = `${flags}/${source}`;
  let value = cache.get(key);
  if (!value) cache.set(key, (value = new RegExp(source, flags)));
  return value;
}

/** Escapes removed, trailing blanks trimmed, lines kept. Accepts `capture-pane -p` or `-p -e` output. */
export function plainLines(screen: string): string[] {
  return screen.replace(ANSI, '').replace(/\r/g, '').split('\n').map((l) => l.replace(/\s+$/, ''));
}

/** The part of the screen that decides: below the profile's region start, minus ignored footers. */
export function screenRegion(lines: string[], profile: Profile): string[] {
  let start = 0;
  if (profile.regionStart) {
    const marker = re(profile.regionStart, '');
    for (let i = lines.length - 1; i >= 0; i--) if (marker.test(lines[i])) { start = i; break; }
  }
  const ignored = profile.ignore.map((p) => re(p, ''));
  const kept = lines.slice(start).filter((l) => l.trim() && !ignored.some((r) => r.test(l)));
  return kept.slice(-profile.regionLines);
}

function findDetail(region: string, rule: PromptRule): string {
  for (const { match, format } of rule.detail ?? []) {
    const m = re(match).exec(region);
    if (!m) continue;
    const text = format.replace(/\$<(\w+)>/g, (_, name: string) => m.groups?.[name] ?? '');
    return text.replace(/\s+/g, ' ').trim();
  }
  return '';
}

/**
 * The choices of the prompt at the bottom: the last run of numbered lines that starts at 1
 * (a numbered list earlier in the transcript is not a choice). Unnumbered options get numbers.
 */
export function findChoices(lines: string[], profile: Profile, optionSource = profile.option): { choices: string[]; selected: number } {
  const choice = re(profile.choice, '');
  let run: string[] = [];
  let selected = 0;
  for (const line of lines) {
    const m = choice.exec(line);
    if (!m) continue;
    if (m[1] === '1') [run, selected] = [[], 0];
    if (/❯|›|>/.test(line.slice(0, line.indexOf(m[1])))) selected = run.length;
    run.push(`${m[1]}. ${m[2].trim()}`);
  }
  if (run.length || !optionSource) return { choices: run, selected };
  const option = re(optionSource, '');
  for (const line of lines) {
    const m = option.exec(line);
    if (!m) continue;
    if (m[1]) selected = run.length;
    run.push(`${run.length + 1}. ${m[2].trim()}`);
  }
  return { choices: run, selected };
}

function plain(state: ScreenState, rule: string): Classification {
  return { state, kind: '', detail: '', choices: [], selected: 0, numbered: false, rule };
}

function findPrompt(region: string[], text: string, profile: Profile): Classification | undefined {
  if (profile.notWaitingIf && re(profile.notWaitingIf).test(text)) return undefined;
  for (const [i, rule] of profile.waiting.entries()) {
    if (!re(rule.match).test(text)) continue;
    if (rule.enterChoice) return waitingFor(text, rule, i, profile, { choices: [`1. ${rule.enterChoice}`], selected: 0, numbered: false });
    let { choices, selected } = findChoices(region, profile, rule.option ?? profile.option);
    let numbered = region.some((l) => re(profile.choice, '').test(l));
    if (!choices.length && profile.yesNo && re(profile.yesNo).test(text)) {
      // "(yes/no)" wants the words typed out (ssh); "[y/N]" the letters.
      choices = /\(yes\/no/.test(text) ? ['yes. yes', 'no. no'] : ['y. yes', 'n. no'];
      [selected, numbered] = [0, true];
    }
    return waitingFor(text, rule, i, profile, { choices, selected, numbered });
  }
  return undefined;
}

function waitingFor(text: string, rule: PromptRule, index: number, profile: Profile, picks: Pick<Classification, 'choices' | 'selected' | 'numbered'>): Classification {
  return { state: 'waiting', kind: rule.kind, detail: findDetail(text, rule), ...picks, rule: `${profile.name}.waiting[${index}] (${rule.kind})` };
}

export function classifyScreen(screen: string, profile: Profile): Classification {
  const region = screenRegion(plainLines(screen), profile);
  const text = region.join('\n');
  const prompt = findPrompt(region, text, profile);
  if (prompt) return prompt;
  for (const [i, source] of profile.working.entries()) {
    if (re(source).test(text)) return plain('working', `${profile.name}.working[${i}]`);
  }
  for (const [i, source] of profile.idle.entries()) {
    if (re(source).test(text)) return plain('idle', `${profile.name}.idle[${i}]`);
  }
  return plain('unknown', `${profile.name}: no rule matched`);
}

/** The number of the choice whose label matches, or undefined. */
export function findChoice(choices: string[], pattern: string): string | undefined {
  const r = re(pattern, 'i');
  return choices.map((c) => /^(\S+)\.\s+(.*)$/.exec(c)).find((m) => m && r.test(m[2]))?.[1];
}
