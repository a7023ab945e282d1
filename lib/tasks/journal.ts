// Append-only record of task definitions, so a task can be recreated after its tmux server is gone.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

/** One line per event; O_APPEND keeps concurrent writers' lines whole. */
export function appendJournal(entry: JournalEntry): void {
  const path = journalPath();
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
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
