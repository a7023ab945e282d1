// Typing into a task pane: text as one bracketed paste, keys by name.
import { randomUUID } from 'node:crypto';
import { batch, run } from '../tmux/runner.js';
import { quoteCommand } from '../tmux/command-text.js';

export interface SendOptions {
  enter: boolean;
  /** Some agents (Codex) only submit when Enter arrives apart from the text. */
  enterDelayMs?: number;
}

const PASTE_MARKER = /\x1b\[20[01]~/g;

/**
 * Text goes through a paste buffer so several lines arrive as one input
 * (-p wraps it in bracketed-paste markers when the program asked for them).
 */
export async function sendText(paneId: string, text: string, options: SendOptions): Promise<void> {
  const buffer = `cpx-${randomUUID()}`;
  // The paste's own end marker inside the text would end it early and type the rest as keys.
  let literal = text;
  for (let before = ''; before !== literal;) [before, literal] = [literal, literal.replace(PASTE_MARKER, '')]; // nested ones too
  await batch([
    ['load-buffer', '-b', buffer, '-'],
    ['paste-buffer', '-p', '-d', '-r', '-b', buffer, '-t', paneId],
  ], { input: literal });
  if (!options.enter) return;
  await new Promise((resolve) => setTimeout(resolve, options.enterDelayMs ?? 30));
  await run(['send-keys', '-t', paneId, 'Enter']);
}

export async function sendKeys(paneId: string, keys: string[]): Promise<void> {
  await run(['send-keys', '-t', paneId, ...keys]);
}

/**
 * Send keys only while `condition` (a tmux format, e.g. from showingCondition) is true for the pane.
 * tmux evaluates it and sends in one step of its command queue, reading no pane output in between,
 * so the keys cannot reach a screen other than the one checked. Resolves whether they were sent.
 */
export async function sendKeysIf(paneId: string, keys: string[], condition: string): Promise<boolean> {
  const send = `${quoteCommand(['send-keys', '-t', paneId, ...keys])} ; display-message -p sent`;
  const out = await run(['if-shell', '-F', '-t', paneId, condition, send, 'display-message -p unsent']);
  return out.trim() === 'sent';
}
