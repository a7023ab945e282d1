// Typing into a task pane: text as one bracketed paste, keys by name.
import { randomUUID } from 'node:crypto';
import { batch, run } from '../tmux/runner.js';

export interface SendOptions {
  enter: boolean;
  /** Some agents (Codex) only submit when Enter arrives apart from the text. */
  enterDelayMs?: number;
}

/**
 * Text goes through a paste buffer so several lines arrive as one input
 * (-p wraps it in bracketed-paste markers when the program asked for them).
 */
export async function sendText(paneId: string, text: string, options: SendOptions): Promise<void> {
  const buffer = `cpx-${randomUUID()}`;
  await batch([
    ['load-buffer', '-b', buffer, '-'],
    ['paste-buffer', '-p', '-d', '-r', '-b', buffer, '-t', paneId],
  ], { input: text });
  if (!options.enter) return;
  await new Promise((resolve) => setTimeout(resolve, options.enterDelayMs ?? 30));
  await run(['send-keys', '-t', paneId, 'Enter']);
}

export async function sendKeys(paneId: string, keys: string[]): Promise<void> {
  await run(['send-keys', '-t', paneId, ...keys]);
}
