// A tmux control-mode client (`tmux -C`): commands in, %begin/%end replies and %output notices out.
// One long-lived client costs far less than a tmux process per poll.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnControlClient } from './runner.js';
import { quoteCommand } from './command-text.js';

/**
 * The client's output goes through a FIFO whose read end the client itself also holds. tmux 3.3/3.4
 * never let a control client go while its output cannot be written: if the reader (the watcher) died
 * and the client's stdout were a plain pipe, every pane that prints would leave a client stuck in the
 * server for good, and `kill-server` would then hang. With a reader that lives as long as the client,
 * the server's last writes land, and the client exits on its stdin's end-of-file as it should.
 */
function openOutputFifo(): { read: number; write: number } {
  const dir = mkdtempSync(join(tmpdir(), 'cpx-control-'));
  try {
    const path = join(dir, 'out');
    const made = spawnSync('mkfifo', ['-m', '600', path]);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.error?.message ?? made.stderr}`);
    const read = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    return { read, write: openSync(path, constants.O_WRONLY) };
  } finally {
    rmSync(dir, { recursive: true, force: true }); // the open ends keep the FIFO; nothing stays on disk
  }
}

export interface Reply {
  ok: boolean;
  lines: string[];
}

interface Pending {
  resolve: (reply: Reply) => void;
}

export interface ControlHandlers {
  /** A pane produced output (only panes of the attached session are reported). */
  onOutput?: (paneId: string) => void;
  /** Any other notification line, e.g. "%sessions-changed". */
  onNotice?: (line: string) => void;
  onExit?: (code: number | null) => void;
}

export class ControlClient {
  private child: ChildProcess;
  private output: Socket;
  private pending: Pending[] = [];
  private block: { header: string; lines: string[]; ours: boolean } | undefined;
  private partial = '';
  closed = false;

  constructor(commands: string[][], private handlers: ControlHandlers = {}) {
    const fifo = openOutputFifo();
    try {
      this.child = spawnControlClient(commands, ['pipe', fifo.write, 'ignore', fifo.read]);
    } finally {
      closeSync(fifo.write);
    }
    this.output = new Socket({ fd: fifo.read, readable: true, writable: false });
    this.output.setEncoding('utf8');
    this.output.on('data', (chunk: string) => this.read(chunk));
    this.output.on('error', () => undefined);
    this.child.on('error', () => this.finish(null));
    this.child.on('close', (code) => this.finish(code));
    this.child.stdin!.on('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Send commands in one write; resolves with one reply per command, in order. */
  send(commands: string[][]): Promise<Reply[]> {
    if (this.closed) return Promise.resolve(commands.map(() => ({ ok: false, lines: ['control client closed'] })));
    const text = commands.map((c) => `${quoteCommand(c)}\n`).join(''); // may throw: before any reply is expected
    const replies = commands.map(() => new Promise<Reply>((resolve) => this.pending.push({ resolve })));
    this.child.stdin!.write(text);
    return Promise.all(replies);
  }

  close(): void {
    if (this.closed) return;
    this.child.stdin!.end();
    setTimeout(() => this.child.kill(), 500).unref();
  }

  private read(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.readLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }

  private readLine(line: string): void {
    if (this.block) {
      // The end marker repeats the begin's time and number, so screen text cannot end a block early.
      if (line === `%end ${this.block.header}` || line === `%error ${this.block.header}`) {
        const { lines, ours } = this.block;
        this.block = undefined;
        if (ours) this.pending.shift()?.resolve({ ok: line.startsWith('%end'), lines });
      } else this.block.lines.push(line);
      return;
    }
    if (line.startsWith('%begin ')) {
      const header = line.slice(7);
      // flags bit 1: the command came from this client (the attach command's own block does not).
      this.block = { header, lines: [], ours: (Number(header.split(' ')[2]) & 1) === 1 };
      return;
    }
    if (line.startsWith('%output ')) {
      const id = line.slice(8, line.indexOf(' ', 8));
      this.handlers.onOutput?.(id);
      return;
    }
    if (line.startsWith('%extended-output ')) {
      this.handlers.onOutput?.(line.split(' ')[1]);
      return;
    }
    if (line.startsWith('%')) this.handlers.onNotice?.(line);
  }

  private finish(code: number | null): void {
    if (this.closed) return;
    this.closed = true;
    this.output.destroy();
    for (const p of this.pending.splice(0)) p.resolve({ ok: false, lines: ['control client exited'] });
    this.handlers.onExit?.(code);
  }
}
