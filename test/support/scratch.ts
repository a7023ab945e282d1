// Temporary folders a test file makes, removed when its process exits (pass or fail).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

export function scratchDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cpx-${label}-`));
  made.push(dir);
  return dir;
}
