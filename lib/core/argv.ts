// Split a command line into argv the way a POSIX shell would, without running one (no expansion).
import { UsageError } from './errors.js';

export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
        i++;
        if (line[i] !== '\n') word += line[i];
      } else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      i++;
      if (i < line.length && line[i] !== '\n') word += line[i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) throw new UsageError(`--cmd has an unterminated ${quote} quote: close it, e.g. --cmd 'aider --model "gpt-4o"'`);
  if (inWord) words.push(word);
  return words;
}
