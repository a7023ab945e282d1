// Aligned tables for people, fitted to the terminal the way `gh` and `docker ps` do: when the
// natural width is too wide, chosen columns are cut (with …) in order, then some are left out.
import { cut, displayWidth, flatText, paint, stripSgr, terminalWidth } from './output.js';

/** Plain text, or text with a style put on after it is cut and padded (a cut through an escape shows garbage). */
export type Cell = string | { text: string; style: (text: string) => string };

export interface Column {
  header: string;
  /** May be cut to fit the terminal: the lowest number first, each down to `min` columns. */
  shrink?: number;
  /** The narrowest a shrinking column gets before columns are left out (default 10). */
  min?: number;
  /** Cut from the start so the end shows (a path: `…/proj/web`). */
  keepEnd?: boolean;
  /** May be left out when the shrunk table is still too wide: the lowest number first. */
  drop?: number;
}

const GAP = 2;

function partsOf(cell: Cell | undefined): { text: string; style: (text: string) => string } {
  if (cell === undefined) return { text: '', style: (text) => text };
  return typeof cell === 'string' ? { text: cell, style: (text) => text } : cell;
}

/** Columns a cell needs; past `limit` it only matters that it is too wide, so a 100 kB prompt is not measured. */
function naturalWidth(text: string, cuttable: boolean, limit = Infinity): number {
  if (!cuttable) return displayWidth(text);
  if (text.length > limit * 4 + 8) return limit + 1;
  return displayWidth(flatText(stripSgr(text)));
}

/** Widths of the shown columns, cut in shrink order down to each minimum; undefined when it cannot fit. */
function shrinkWidths(columns: Column[], natural: number[], shown: number[], limit: number): Map<number, number> | undefined {
  const widths = new Map(shown.map((i) => [i, natural[i]]));
  let excess = shown.reduce((sum, i) => sum + natural[i], 0) + GAP * (shown.length - 1) - limit;
  const order = shown.filter((i) => columns[i].shrink !== undefined).sort((a, b) => columns[a].shrink! - columns[b].shrink!);
  for (const i of order) {
    if (excess <= 0) break;
    const floor = Math.min(natural[i], columns[i].min ?? 10);
    const take = Math.min(excess, natural[i] - floor);
    widths.set(i, natural[i] - take);
    excess -= take;
  }
  if (excess <= 0) return widths;
  // One column left: it is cut to the terminal whatever its minimum.
  if (shown.length === 1) return new Map([[shown[0], Math.max(1, limit)]]);
  return undefined;
}

/** Which columns show and how wide: shrink first; then leave out columns (their drop order, then from the right). */
function fitWidths(columns: Column[], natural: number[], limit: number | undefined): Map<number, number> {
  const shown = columns.map((_, i) => i);
  if (!limit) return new Map(shown.map((i) => [i, natural[i]]));
  const droppable = shown.filter((i) => columns[i].drop !== undefined).sort((a, b) => columns[a].drop! - columns[b].drop!);
  for (;;) {
    const widths = shrinkWidths(columns, natural, shown, limit);
    if (widths) return widths;
    const next = droppable.shift() ?? shown[shown.length - 1];
    shown.splice(shown.indexOf(next), 1);
  }
}

/** Aligned table lines, no line wider than `width` (the terminal's, when output goes to one). */
export function formatTable(columns: Column[], rows: Cell[][], width = terminalWidth()): string[] {
  const cuttable = (i: number) => columns[i].shrink !== undefined;
  const natural = columns.map((c, i) => Math.max(displayWidth(c.header), ...rows.map((r) => naturalWidth(partsOf(r[i]).text, cuttable(i), width))));
  const widths = fitWidths(columns, natural, width);
  const shown = [...widths.keys()].sort((a, b) => a - b);
  const line = (cells: Cell[]) => shown.map((i, k) => {
    const { text, style } = partsOf(cells[i]);
    const w = widths.get(i)!;
    const fitted = cuttable(i) || displayWidth(text) > w ? cut(stripSgr(text), w, columns[i].keepEnd) : text;
    return style(fitted) + (k === shown.length - 1 ? '' : ' '.repeat(Math.max(0, w - displayWidth(fitted))));
  }).join(' '.repeat(GAP));
  const bold = (text: string) => paint().bold(text);
  return [line(columns.map((c) => ({ text: c.header, style: bold }))), ...rows.map(line)];
}
