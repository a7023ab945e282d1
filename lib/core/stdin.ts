// Reading a whole text from stdin ('-' arguments).
import { UsageError } from './errors.js';

export async function readStdinText(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError("'-' reads the text from stdin, but stdin is a terminal: pipe the text in");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/\n$/, '');
  // A NUL cannot travel in argv or through tmux: it is refused here, with the byte's place.
  const nul = text.indexOf('\0');
  if (nul >= 0) throw new UsageError(`the text from stdin has a NUL byte at character ${nul + 1}: remove it (e.g. tr -d '\\000')`);
  return text;
}
