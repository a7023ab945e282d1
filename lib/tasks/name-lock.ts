// A task name claimed inside the tmux call that opens its pane: parallel `cpx new` cannot both win.
// tmux runs one client's `a ; b ; c` to the end before another client's commands, and skips the rest
// of the call at the first failing command: a check in the same call is atomic, with no lock to leave held.
import { TmuxCommandError } from '../core/errors.js';
import { OPTION } from './task.js';

const CLAIM = '@cpx_claim';
// Not an option tmux knows: setting it fails with "invalid option: cpx-task-taken".
const TAKEN = 'cpx-task-taken';

/**
 * Commands that fail when a pane of `session` already holds task `name`. tmux expands formats in
 * set-option's option name (not its value): the name is compared through an option, never put in a format.
 */
export function claimNameCommands(session: string, name: string): string[][] {
  const holders = `#{W:#{P:#{?#{==:#{${OPTION.name}},#{${CLAIM}}},1,}}}`;
  return [
    ['set-option', '-t', session, CLAIM, name],
    ['set-option', '-t', session, `#{?${holders},${TAKEN},${CLAIM}}`, name],
  ];
}

/** After the pane is labeled (same call): the claim is no longer needed. */
export function releaseNameCommands(session: string): string[][] {
  return [['set-option', '-u', '-t', session, CLAIM]];
}

export function isNameTaken(error: unknown): boolean {
  return error instanceof TmuxCommandError && error.stderr.includes(`invalid option: ${TAKEN}`);
}

/** Another cpx created the session between our look and our new-session. */
export function isDuplicateSession(error: unknown): boolean {
  return error instanceof TmuxCommandError && /duplicate session/.test(error.stderr);
}
