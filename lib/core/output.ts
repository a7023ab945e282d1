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

/** Display width of a string: wide East Asian characters and emoji count as two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(/\x1b\[[0-9;]*m/g, '')) {
    const code = ch.codePointAt(0)!;
    if (code < 32 || (code >= 0x300 && code <= 0x36f)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60)
    || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd);
}

/** Cut text to a display width, marking the cut with an ellipsis; newlines shown as ⏎. */
export function cut(text: string, width: number): string {
  const flat = text.replace(/\r?\n/g, '⏎').replace(/[\x00-\x1f\x7f]/g, ' ');
  if (displayWidth(flat) <= width) return flat;
  let out = '';
  for (const ch of flat) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export interface Column {
  header: string;
  /** The last column may be cut to the terminal width. */
  flexible?: boolean;
}

/** Aligned table; cells may carry colour codes. */
export function formatTable(columns: Column[], rows: string[][], width = terminalWidth()): string[] {
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const last = columns.length - 1;
  if (width && columns[last]?.flexible) {
    const used = widths.slice(0, last).reduce((a, b) => a + b + 2, 0);
    widths[last] = Math.max(10, Math.min(widths[last], width - used));
  }
  // Cut and pad the visible text, then style it: a cut through an escape sequence shows as garbage.
  const line = (cells: string[], style = (text: string) => text) => cells.map((cell, i) => {
    const text = i === last && columns[i].flexible ? cut(cell, widths[i]) : cell;
    return style(text) + (i === last ? '' : ' '.repeat(Math.max(0, widths[i] - displayWidth(text))));
  }).join('  ');
  return [line(columns.map((c) => c.header), (text) => paint().bold(text)), ...rows.map((row) => line(row))];
}

/** "4s", "12m", "3h05m", "2d". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d`;
}
