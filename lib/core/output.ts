// Human output: colour decided once from the environment; tables; durations.
import chalk, { Chalk, type ChalkInstance } from 'chalk';

let painter: ChalkInstance = new Chalk({ level: 0 });

/** Decide colour once: off for NO_COLOR, TERM=dumb, --no-color, --json, or a non-TTY stream. */
export function decideColor(options: { color?: boolean; json?: boolean }, stream: NodeJS.WriteStream = process.stdout): void {
  const off = Boolean(process.env.NO_COLOR) || process.env.TERM === 'dumb' || options.color === false || options.json || !stream.isTTY;
  painter = new Chalk({ level: off ? 0 : Math.max(chalk.level, 1) as 1 | 2 | 3 });
}

export function paint(): ChalkInstance {
  return painter;
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Terminal width for cutting long cells, or undefined when output is not a terminal. */
export function terminalWidth(): number | undefined {
  if (process.stdout.isTTY) return process.stdout.columns;
  const columns = Number(process.env.COLUMNS);
  return columns > 0 ? columns : undefined;
}

const SGR = /\x1b\[[0-9;]*m/g;

/** Text without colour codes. */
export function stripSgr(text: string): string {
  return text.replace(SGR, '');
}

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;

/** Columns each code point takes, in order: 0 for marks, joiners and what an emoji sequence joins. */
function* columnsOf(text: string): Generator<[string, number]> {
  let joined = false;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ZERO_WIDTH.test(ch) || (code >= 0xfe00 && code <= 0xfe0f)) {
      // tmux 3.3 draws ❤️ (a narrow symbol asking for emoji presentation) in one column: so do we.
      yield [ch, 0];
      joined = code === 0x200d;
      continue;
    }
    const width = isWide(code) ? 2 : 1;
    yield [ch, joined && width === 2 ? 0 : width]; // 👩‍💻: what a zero-width joiner joins adds nothing
    joined = false;
  }
}

/**
 * Display width of a string: a wide East Asian character or an emoji (even one joined from several) is
 * two columns. Code point by code point (Intl.Segmenter is quadratic on long text in Node 20).
 */
export function displayWidth(text: string): number {
  const plain = stripSgr(text);
  if (/^[\x20-\x7e]*$/.test(plain)) return plain.length; // ASCII, the usual case
  let width = 0;
  for (const [, columns] of columnsOf(plain)) width += columns;
  return width;
}

/** Text in double quotes with what would not show (controls, zero-width and bidi characters) as \u escapes. */
export function quoteVisibly(text: string): string {
  return JSON.stringify(text).replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60)
    || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd);
}

/** One line of text: newlines shown as ⏎, other control characters as spaces. */
export function flatText(text: string): string {
  return text.replace(/\r?\n/g, '⏎').replace(/[\x00-\x1f\x7f]/g, ' ');
}

/**
 * Cut text to a display width, marking the cut with an ellipsis; newlines shown as ⏎. Cut from the
 * start (`keepEnd`), the end shows: `…/proj/web`.
 */
export function cut(text: string, width: number, keepEnd = false): string {
  // Only the part that can show is measured: a long prompt (100 kB) is not measured whole.
  const reach = width * 4 + 8;
  const part = text.length <= reach ? text : keepEnd ? text.slice(-reach) : text.slice(0, reach);
  const flat = flatText(part);
  if (part === text && displayWidth(flat) <= width) return flat;
  const chars = [...columnsOf(flat)];
  if (keepEnd) chars.reverse();
  const kept: Array<[string, number]> = [];
  let used = 0;
  for (const [ch, columns] of chars) {
    if (used + columns > width - 1) break;
    kept.push([ch, columns]);
    used += columns;
  }
  if (!keepEnd) return `${kept.map(([ch]) => ch).join('')}…`;
  // Marks and joined parts whose base character was cut off go with it.
  while (kept.length && kept[kept.length - 1][1] === 0) kept.pop();
  const tail = kept.reverse().map(([ch]) => ch).join('');
  // Start at a '/' when that loses little: `…/proj/web`, not `…oj/proj/web` (nor `…/web` for `…ng-folder/web`).
  const slash = tail.indexOf('/');
  return `…${slash > 0 && slash <= tail.length / 3 ? tail.slice(slash) : tail}`;
}

/** "4s", "12m", "3h05m", "2d". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d`;
}
