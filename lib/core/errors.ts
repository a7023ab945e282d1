// One error type for everything cpx reports; the exit code travels with it.
export class CpxError extends Error {
  exitCode: number;
  hint?: string;
  constructor(message: string, options: { exitCode?: number; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
  }
}

/** Bad flags, arguments or names: exit 2. */
export class UsageError extends CpxError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: 2, hint });
  }
}

/** A layout file that cannot be used: exit 2, message starts with file:line:column. */
export class LayoutError extends CpxError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: 2, hint });
  }
}

export class TmuxMissingError extends CpxError {
  constructor(cause?: unknown) {
    super('tmux is not installed or not on PATH: install it (apt-get install tmux / brew install tmux)', { cause });
  }
}

export class TmuxTooOldError extends CpxError {
  constructor(found: string, needed: string) {
    super(`tmux ${found} is too old: cpx needs tmux ${needed} or newer; upgrade it (apt-get install tmux / brew upgrade tmux) or put a newer one first on PATH`);
  }
}

export class NoServerError extends CpxError {
  constructor(socket: string | undefined) {
    const where = socket ? `on socket '${socket}'` : '';
    super(`no tmux server is running ${where}`.trim() + ': start a task with `cpx new <name>` first');
  }
}

export class TmuxCommandError extends CpxError {
  argv: string[];
  stderr: string;
  constructor(argv: string[], stderr: string, exitCode: number | null) {
    super(`tmux failed: ${stderr.trim() || `exit code ${exitCode}`}`);
    this.argv = argv;
    this.stderr = stderr;
  }
}

export class TargetNotFoundError extends CpxError {
  constructor(stderr: string) {
    super(`tmux: ${stderr.trim()}: the pane or session is gone; run \`cpx ls\``);
  }
}

export class UnknownTaskError extends CpxError {
  constructor(name: string, known: string[]) {
    const list = known.length ? `known tasks: ${known.slice(0, 8).join(', ')}` : 'there are no tasks; start one with `cpx new <name>`';
    super(`no task named '${name}': ${list}`);
  }
}
