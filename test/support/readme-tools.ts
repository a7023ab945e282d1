// Helpers for the README walk-through tests (test/readme-*.test.ts): the fake agent's log, a pty for
// colour checks, and a reader of SGR escapes that says whether human output is well-formed and aligned.
import { execa } from 'execa';
import { CPX } from './server.js';
import { until, type UntilOptions } from './until.js';

export { readAgentEvents } from './agent-log.js';

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export interface PtyResult {
  code: number;
  /** Everything the terminal received, with the pty's \r\n turned into \n. */
  out: string;
}

/**
 * Run bin/cpx with stdout and stderr on a terminal (util-linux `script`), the way a user sees it.
 * `env` is used as it is: leave NO_COLOR out of it to get colour.
 */
export async function runCpxInPty(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; columns?: number; input?: string }): Promise<PtyResult> {
  const command = `stty cols ${options.columns ?? 160} rows 40 2>/dev/null; exec ${[CPX, ...args].map(quote).join(' ')}`;
  const result = await execa('script', ['-qec', command, '/dev/null'], {
    env: { ...options.env, SHELL: '/bin/sh' }, extendEnv: false, cwd: options.cwd, input: options.input ?? '', reject: false, stripFinalNewline: false, timeout: 20000,
  });
  return { code: result.exitCode ?? -1, out: String(result.stdout).replace(/\r\n/g, '\n') };
}

const SGR = /\x1b\[([0-9;]*)m/g;

export function stripSgr(text: string): string {
  return text.replace(SGR, '');
}

/**
 * What is wrong with the escapes in `text`: an ESC that does not start a complete SGR sequence, an
 * escape's remains printed as text (`[1m` after its ESC was lost), or a line that ends with a colour
 * or attribute still on. [] when every line is well-formed.
 */
export function findSgrProblems(text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    const where = `line ${index + 1} ${JSON.stringify(line)}`;
    const visible = stripSgr(line);
    if (visible.includes('\x1b')) problems.push(`${where}: an ESC that is not a complete SGR sequence`);
    if (/\[[0-9;]*m/.test(visible)) problems.push(`${where}: escape remains printed as text`);
    const open = new Set<string>();
    for (const match of line.matchAll(SGR)) {
      for (const code of (match[1] || '0').split(';').map(Number)) applySgr(open, code);
    }
    if (open.size) problems.push(`${where}: ends with ${[...open].join(', ')} still on`);
  });
  return problems;
}

function applySgr(open: Set<string>, code: number): void {
  if (code === 0) open.clear();
  else if (code === 1 || code === 2) open.add(code === 1 ? 'bold' : 'dim');
  else if (code === 22) { open.delete('bold'); open.delete('dim'); }
  else if ((code >= 30 && code <= 38) || (code >= 90 && code <= 97)) open.add('fg');
  else if (code === 39) open.delete('fg');
  else if ((code >= 40 && code <= 48) || (code >= 100 && code <= 107)) open.add('bg');
  else if (code === 49) open.delete('bg');
}

/** The SGR parameters in force where `needle` starts on its line (e.g. ['30', '43', '1']). */
export function findSgrBefore(line: string, needle: string): string[] {
  const at = line.indexOf(needle);
  const codes: string[] = [];
  for (const match of line.slice(0, at).matchAll(SGR)) {
    const parts = (match[1] || '0').split(';');
    if (parts.includes('0') && parts.length === 1) codes.length = 0;
    codes.push(...parts);
  }
  return codes;
}

/** Columns a terminal gives a string: East Asian wide characters take two. */
export function measureColumns(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width += (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xff00 && code <= 0xff60) ? 2 : 1;
  }
  return width;
}

/** The terminal column where `cell` starts on a visible (SGR-stripped) line. */
export function findColumn(visibleLine: string, cell: string): number {
  const at = visibleLine.indexOf(cell);
  return at < 0 ? -1 : measureColumns(visibleLine.slice(0, at));
}

export interface PaneTask {
  name: string;
  state: string;
  paneId: string;
  session: string;
  dead: boolean;
  exitStatus: string;
}

/**
 * Every task pane as tmux itself reports it: what the watcher wrote (@cpx_state), read with one tmux
 * call. For polling: much cheaper than a `cpx ls --json` (a node start) every few milliseconds.
 */
export function listPaneTasks(tmux: (...args: string[]) => string): PaneTask[] {
  const format = '#{pane_id}\t#{session_name}\t#{pane_dead}\t#{pane_dead_status}\t#{@cpx_state}\t#{@cpx_task}';
  return tmux('list-panes', '-a', '-f', '#{&&:#{@cpx_task},#{?#{@cpx_watch},0,1}}', '-F', format).split('\n').filter(Boolean).map((line) => {
    const [paneId, session, dead, exitStatus, state, ...name] = line.split('\t');
    return { name: name.join('\t'), state, paneId, session, dead: dead === '1', exitStatus };
  });
}

/**
 * `until`, polling every 100 ms instead of 25: most checks here start a process (tmux, bin/cpx), and the
 * machine is shared with other test files.
 */
export function poll<T>(check: () => T | Promise<T>, options: UntilOptions = {}): ReturnType<typeof until<T>> {
  return until(check, { every: 100, ...options });
}
