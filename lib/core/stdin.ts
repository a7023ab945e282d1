// Reading a whole text from stdin ('-' arguments).
import { UsageError } from './errors.js';

export async function readStdinText(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError("'-' reads the text from stdin, but stdin is a terminal: pipe the text in");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\n$/, '');
}
