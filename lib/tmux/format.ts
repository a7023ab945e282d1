// tmux expands formats in some arguments that look like plain text: `#(cmd)` runs a shell command,
// `#{…}` and `#[…]` render, `##` becomes `#`. User text is made literal here, for every tmux call.

/**
 * Text that tmux's format expansion gives back unchanged: each run of '#' is doubled, except a run
 * right before '[', which tmux copies verbatim (styles are left for drawing; checked on 3.3a).
 */
export function escapeFormat(text: string): string {
  return text.replace(/#+/g, (run, at: number) => (text[at + run.length] === '[' ? run : run + run));
}

/**
 * Text that tmux draws from an option value (a border label): not expanded again, but drawn through
 * its style parser, where '##' is one '#' and '##[' a literal '#['. Every '#' is doubled.
 */
export function escapeDrawn(text: string): string {
  return text.replace(/#/g, '##');
}

interface Grammar {
  /** The command's getopt string in tmux 3.3a (cmd-*.c): a letter followed by ':' takes a value. */
  flags: string;
  /** Flags whose value tmux expands as a format (window names, start folders, session names, titles). */
  text: string;
  /** The first argument after the flags is expanded too (rename-window, rename-session). */
  positional?: boolean;
}

const GRAMMAR: Record<string, Grammar> = {
  'new-session': { flags: 'Ac:dDe:EF:f:n:Ps:t:x:Xy:', text: 'cns' },
  'new-window': { flags: 'abc:de:F:kn:PSt:', text: 'cn' },
  'split-window': { flags: 'bc:de:fF:hIl:p:Pt:vZ', text: 'c' },
  'respawn-pane': { flags: 'c:e:kt:', text: 'c' },
  'respawn-window': { flags: 'c:e:kt:', text: 'c' },
  'attach-session': { flags: 'c:dEf:rt:x', text: 'c' },
  'select-pane': { flags: 'DdegLlMmP:RT:t:UZ', text: 'T' },
  'rename-window': { flags: 't:', text: '', positional: true },
  'rename-session': { flags: 't:', text: '', positional: true },
};
const ALIASES: Record<string, string> = {
  new: 'new-session', neww: 'new-window', splitw: 'split-window', respawnp: 'respawn-pane', respawnw: 'respawn-window',
  attach: 'attach-session', selectp: 'select-pane', renamew: 'rename-window', rename: 'rename-session',
};

/**
 * One tmux command (argv) with the arguments tmux would expand as formats made literal. Every
 * command cpx runs goes through here (the runner calls it), so a caller cannot forget; cpx never
 * means a format in these places. `-F` templates, targets, `-e` and the program's argv are not expanded.
 */
export function escapeFormatArgs(command: string[]): string[] {
  const grammar = GRAMMAR[ALIASES[command[0]] ?? command[0]];
  if (!grammar) return command;
  const out = command.slice(0, 1);
  let i = 1;
  // tmux's args_parse: flags until the first word not starting with '-' (or a lone '-'), or after '--'.
  while (i < command.length && /^-./.test(command[i])) {
    const word = command[i++];
    out.push(word);
    if (word === '--') break;
    for (let j = 1; j < word.length; j++) {
      const flag = word[j];
      const at = grammar.flags.indexOf(flag);
      if (flag === ':' || at < 0 || grammar.flags[at + 1] !== ':') continue;
      const escape = grammar.text.includes(flag) ? escapeFormat : (value: string) => value;
      if (j + 1 < word.length) out[out.length - 1] = word.slice(0, j + 1) + escape(word.slice(j + 1));
      else if (i < command.length) out.push(escape(command[i++]));
      break;
    }
  }
  const rest = command.slice(i);
  if (grammar.positional && rest.length) rest[0] = escapeFormat(rest[0]);
  return [...out, ...rest];
}

/** A line as a POSIX ERE matching exactly it, written as format text (for `#{C/r:…}`). */
function formatRegex(line: string): string {
  const regex = line.replace(/[\\^$.[\]|()*+?{}]/g, '\\$&');
  return regex.replace(/[#,}]/g, '#$&');
}

/**
 * A tmux format that is true (non-zero) while the pane still shows the bottom of `lines` (a screen,
 * escape sequences removed): each of its last non-blank lines (up to 12, ~6 kB: one tmux command has a
 * length limit) on the same row. `#{C/r:…}` gives the first row that matches, so a line seen higher up
 * too is left out.
 */
export function linesShownCondition(lines: string[]): string {
  const checks: string[] = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0 && checks.length < 12; i--) {
    if (!lines[i].trim() || lines.indexOf(lines[i]) < i) continue;
    const check = `#{==:#{C/r:^${formatRegex(lines[i])}$},${i + 1}}`;
    if ((bytes += Buffer.byteLength(check)) > 6000) break;
    checks.push(check);
  }
  if (!checks.length) return '0';
  return checks.reduce((all, check) => `#{&&:${check},${all}}`);
}
