// Append-only record of task definitions, so a task can be recreated after its tmux server is gone.
import { accessSync, appendFileSync, chmodSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CpxError } from '../core/errors.js';
import { journalPath } from '../core/paths.js';

export interface JournalEntry {
  event: 'new' | 'kill' | 'exit' | 'done';
  task: string;
  session: string;
  socket?: string;
  pane?: string;
  prompt?: string;
  dir?: string;
  agent?: string;
  argv?: string[];
  agentSessionId?: string;
  time?: string;
  [key: string]: unknown;
}

/** The folder and file hold full prompts: only their owner may read them. */
function openJournalDir(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
}

/** Before acting: a journal that cannot be written is said now, not after the task runs. */
export function requireWritableJournal(): void {
  const path = journalPath();
  try {
    openJournalDir(path);
    accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CpxError(`cannot write cpx's state folder ${dirname(path)} (${code}): set XDG_STATE_HOME to a writable folder`, { cause: error });
  }
}

/**
 * One record per event, written with one O_APPEND write so concurrent writers' records stay whole.
 * Each starts on a new line, so a torn record (a full disk, a kill) never swallows the next one.
 * A failure is a warning, never a lost command: the task itself already started or ended.
 */
export function appendJournal(entry: JournalEntry): boolean {
  const path = journalPath();
  try {
    openJournalDir(path);
    appendFileSync(path, `\n${JSON.stringify({ time: new Date().toISOString(), ...entry })}`, { mode: 0o600 });
    chmodSync(path, 0o600);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    process.stderr.write(`cpx: warning: could not record '${entry.task}' (${entry.event}) in the journal ${path} (${code}): set XDG_STATE_HOME to a writable folder\n`);
    return false;
  }
}

export function readJournal(): JournalEntry[] {
  let text: string;
  try {
    text = readFileSync(journalPath(), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter(Boolean).flatMap((line) => {
    try {
      return [JSON.parse(line) as JournalEntry];
    } catch {
      return [];
    }
  });
}
