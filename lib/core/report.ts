// The one place an error becomes a message on stderr and an exit code (0 for --help and --version,
// 2 for usage, else the error's own). CPX_DEBUG=1 adds the stack.
import { CommanderError } from 'commander';
import { CpxError } from './errors.js';
import { paint } from './output.js';

export function report(error: unknown): number {
  if (error instanceof CommanderError) {
    return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? 0 : 2;
  }
  const debug = Boolean(process.env.CPX_DEBUG);
  if (error instanceof CpxError) {
    process.stderr.write(`${paint().red('cpx:')} ${error.message}\n`);
    if (error.hint) process.stderr.write(`${error.hint}\n`);
    if (debug) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`cpx: unexpected error: ${message} (run with CPX_DEBUG=1 for details)\n`);
  if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
