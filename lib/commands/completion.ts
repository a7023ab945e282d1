// cpx completion <shell>: print the committed completion script, byte for byte (completions/ ships with the package).
import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';

export const COMPLETION_FILES: Record<string, string> = { bash: 'cpx.bash', zsh: '_cpx', fish: 'cpx.fish' };

export default async function completion(shell: string): Promise<number> {
  const file = COMPLETION_FILES[shell];
  if (!file) throw new UsageError(`no completions for '${shell}': use cpx completion bash, zsh or fish`);
  // Bundled, this code runs from dist/, beside completions/.
  process.stdout.write(readFileSync(new URL(`../completions/${file}`, import.meta.url)));
  return 0;
}
