// How the user runs cpx, for the hints cpx prints: `cpx` when that is what their shell finds,
// else the path they typed (`./bin/cpx` right after a clone), so a hint can be pasted as it is.
import { realpathSync } from 'node:fs';
import { findOnPath } from './programs.js';
import { quoteForShell } from './shell-words.js';

let typed: string | undefined;

/** bin/cpx passes its $0; read once, then kept out of the environment that agents and tmux inherit. */
export function takeInvocation(): void {
  typed = process.env.CPX_INVOKED_AS;
  delete process.env.CPX_INVOKED_AS;
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

let name: string | undefined;

/** `cpx`, or the path to type instead (shell-quoted). */
export function cpxCommand(): string {
  if (name !== undefined) return name;
  const onPath = findOnPath('cpx');
  name = !typed || !typed.includes('/') || (onPath !== undefined && samePath(onPath, typed)) ? 'cpx' : quoteForShell(typed);
  return name;
}
