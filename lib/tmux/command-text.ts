// tmux's own command language, for the places that read commands as text: control mode (one line per
// command) and command files (source-file), which cpx uses for commands too long for a tmux argv.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeFormatArgs } from './format.js';
// tmux's single quotes work as sh's: every character literal (no `~`, `$`, `#` or `\`); `'\''` for a quote.
import { quoteAlways } from '../core/shell-words.js';

/**
 * The tmux client sends its arguments to the server in one message of at most 16 kB; past this many
 * bytes a call goes through a command file instead (the server reads it, with no such limit).
 */
export const ARGV_COMMAND_BYTES = 12_000;

const BARE_WORD = /^(?:[\w@:./=+,-]+|%\d+)$/;

function quoteWord(arg: string, lineBreaks: boolean): string {
  if (BARE_WORD.test(arg)) return arg;
  if (!/[\r\n]/.test(arg)) return quoteAlways(arg);
  if (!lineBreaks) throw new Error(`tmux control command argument has a line break: ${JSON.stringify(arg)}`);
  // A raw line break in a file would let a line of the text start a comment (`#`) or continue one
  // (`\`): line breaks go as "\n" escapes, joined to the single-quoted pieces into one word.
  return arg.split(/([\r\n]+)/).map((piece) => (/^[\r\n]/.test(piece)
    ? `"${piece.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`
    : piece && quoteAlways(piece))).join('');
}

/** One command as a line of text; a line break in an argument is refused (control mode reads lines). */
export function quoteCommand(argv: string[]): string {
  return escapeFormatArgs(argv).map((arg) => quoteWord(arg, false)).join(' ');
}

/** Commands as the text of a command file: one line, so a failing command skips the rest, as in `a ; b`. */
export function commandFileText(commands: string[][]): string {
  return `${commands.map((argv) => escapeFormatArgs(argv).map((arg) => quoteWord(arg, true)).join(' ')).join(' ; ')}\n`;
}

export function argvBytes(argv: string[]): number {
  return argv.reduce((sum, arg) => sum + Buffer.byteLength(arg) + 1, 0);
}

/**
 * Write commands to a private file (0600 in a fresh 0700 folder) for `tmux source-file`; the returned
 * path is glob-escaped, as source-file expands globs. `remove` deletes it once tmux has read it.
 */
export function writeCommandFile(commands: string[][]): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cpx-tmux-'));
  const file = join(dir, 'commands');
  try {
    writeFileSync(file, commandFileText(commands), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { path: file.replace(/[\\*?[]/g, '\\$&'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
