// Pure: which keys answer a prompt with a given choice.
import type { Classification } from '../detect/classify.js';
import { findChoice } from '../detect/classify.js';
import type { Profile } from '../detect/profile.js';
import { UsageError } from '../core/errors.js';

/** The index (0-based) in `choices` that the user meant: a number, or words of a label. */
export function pickChoice(result: Classification, wanted: string | undefined, profile: Profile, mode: 'approve' | 'always' | 'deny'): number | undefined {
  const numbers = result.choices.map((c) => c.split('.')[0]);
  if (wanted !== undefined) {
    const byNumber = numbers.indexOf(wanted);
    if (byNumber >= 0) return byNumber;
    const byLabel = result.choices.findIndex((c) => c.toLowerCase().includes(wanted.toLowerCase()));
    if (byLabel >= 0) return byLabel;
    throw new UsageError(`no choice '${wanted}' in this prompt: choices are ${result.choices.join(' | ') || '(none)'}`);
  }
  if (mode === 'always') {
    const n = findChoice(result.choices, profile.alwaysChoice);
    if (n === undefined) throw new UsageError(`this prompt offers no "don't ask again" choice: choices are ${result.choices.join(' | ')}`);
    return numbers.indexOf(n);
  }
  if (mode === 'deny') {
    const n = findChoice(result.choices, profile.denyChoice);
    return n === undefined ? undefined : numbers.indexOf(n);
  }
  // The first choice that is not a "No" (Claude's trust dialog starts with "No, exit").
  const no = findChoice(result.choices, profile.denyChoice);
  return result.choices.length ? Math.max(0, numbers.findIndex((n) => n !== no)) : undefined;
}

/** tmux key names that select choice `index`: its digit where the agent numbers choices, else arrows. */
export function keysForChoice(result: Classification, index: number, profile: Profile): string[] {
  if (result.numbered) {
    const digit = result.choices[index].split('.')[0];
    return profile.keys.choose === 'digit-enter' ? [digit, 'Enter'] : [digit];
  }
  const delta = index - result.selected;
  return [...Array(Math.abs(delta)).fill(delta > 0 ? 'Down' : 'Up'), 'Enter'];
}
