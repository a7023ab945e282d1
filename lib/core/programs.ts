// Finding programs on PATH without spawning a shell.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export function findOnPath(program: string, path = process.env.PATH ?? ''): string | undefined {
  const candidates = program.includes('/') ? [program] : path.split(delimiter).filter(Boolean).map((d) => join(d, program));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return isAbsolute(file) ? file : join(process.cwd(), file);
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
