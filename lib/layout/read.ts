// Stage 1 of a layout: the file's text parsed into a YAML document that keeps every node's position.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { LayoutError } from '../core/errors.js';

export interface LayoutSource {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/** Read and parse a layout file; unreadable files and YAML syntax errors are LayoutErrors. */
export function readLayout(file: string): LayoutSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const fixes: Record<string, string> = { ENOENT: 'check the path, or list layouts with `cpx layouts`', EISDIR: 'give the layout file, not its folder' };
    const fix = fixes[code ?? ''] ?? 'fix its permissions';
    throw new LayoutError(`${file}: cannot read the layout file (${code}): ${fix}`);
  }
  return parseLayout(file, text);
}

/** Parse layout text; `file` is only used in messages. */
export function parseLayout(file: string, text: string): LayoutSource {
  const lines = new LineCounter();
  // prettyErrors off: we print our own one-line message with the position.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const source = { file, doc, lines };
  const [error] = doc.errors;
  if (error) failAt(source, error.pos[0], `YAML syntax error: ${error.message.split('\n')[0]}`, 'fix the YAML at that position');
  return source;
}

/** Throw `<file>:<line>:<column>: <problem>: <fix>` for a node (or an offset into the text). */
export function failAt(source: LayoutSource, where: unknown, problem: string, fix: string): never {
  const { line, col } = positionOf(source, where);
  throw new LayoutError(`${source.file}:${line}:${col}: ${problem}: ${fix}`);
}

/** `where` is a YAML node or an offset; anything else points at the start of the file. */
export function positionOf(source: LayoutSource, where: unknown): { line: number; col: number } {
  const offset = typeof where === 'number' ? where : (where as Node | null | undefined)?.range?.[0] ?? 0;
  return source.lines.linePos(offset);
}
