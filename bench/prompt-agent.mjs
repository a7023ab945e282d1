#!/usr/bin/env node
// A simulated agent for bench/watch.sh: draws a Claude-Code-like screen, then stays quiet until signalled.
// Usage: node bench/prompt-agent.mjs <dir> <name> [prompt|printer]
//   prompt  (default) SIGUSR1: print a question ending in "[y/N] " and append its write time to <dir>/<name>.times;
//                     SIGUSR2: "answer" it (print a normal line, so the last line is no longer a question).
//   printer           SIGUSR1: read <dir>/printer.mode and print accordingly: "spin" (Claude Code's status block
//                     redrawn at 10 Hz), "lines" (a log line every 50 ms) or "off".
// The pid goes to <dir>/<name>.pid so the bench can signal it without any tmux command.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [dir, name, role = 'prompt'] = process.argv.slice(2);
if (!dir || !name) {
  process.stderr.write('usage: prompt-agent.mjs <dir> <name> [prompt|printer]\n');
  process.exit(2);
}
const out = (text) => process.stdout.write(text);
// Wall-clock time with sub-millisecond resolution, comparable across processes on this machine.
const now = () => performance.timeOrigin + performance.now();

out('\x1b[2J\x1b[H');
out('╭───────────────────────────────────────────────────╮\r\n');
out(`│ ✻ Welcome to Claude Code (simulated: ${name.padEnd(12).slice(0, 12)}) │\r\n`);
out('╰───────────────────────────────────────────────────╯\r\n\r\n');
out(`> Refactor the ${name} module and keep the tests green\r\n\r\n`);
out('● I\'ll start by reading the module and its tests.\r\n');
out('  ⎿  Read 214 lines (ctrl+r to expand)\r\n\r\n');

let trial = 0;
if (role === 'prompt') {
  process.on('SIGUSR1', () => {
    trial += 1;
    out(`\r\n● Update(src/${name}/index.ts)\r\n  ⎿  Updated src/${name}/index.ts with 3 additions\r\n`);
    const before = now();
    out(`Do you want to make this edit to index.ts (trial ${trial})? [y/N] `);
    const after = now();
    appendFileSync(join(dir, `${name}.times`), `${trial} ${before.toFixed(3)} ${after.toFixed(3)}\n`);
  });
  process.on('SIGUSR2', () => {
    out('y\r\n● Edit applied; running the tests.\r\n');
  });
} else {
  let timer;
  let frame = 0;
  const spinner = ['·', '✢', '✳', '✶', '✻', '✽'];
  const started = Date.now();
  const drawSpin = () => {
    // Ink-style redraw: cursor up over the 5-line live block, then erase and rewrite each line.
    const secs = Math.floor((Date.now() - started) / 1000);
    const lines = [
      `${spinner[frame++ % spinner.length]} Thinking… (${secs}s · ↑ ${(1.2 + frame / 100).toFixed(1)}k tokens · esc to interrupt)`,
      '',
      '╭──────────────────────────────────────────────────╮',
      '│ >                                                │',
      '╰──────────────────────────────────────────────────╯',
    ];
    out(`\x1b[5A\r${lines.map((l) => `\x1b[2K${l}\r\n`).join('')}`);
  };
  const drawLine = () => out(`[${new Date().toISOString().slice(11, 23)}] compiling module ${frame++} of many…\r\n`);
  process.on('SIGUSR1', () => {
    clearInterval(timer);
    let mode = 'off';
    try { mode = readFileSync(join(dir, 'printer.mode'), 'utf8').trim(); } catch { /* off */ }
    if (mode === 'spin') { out('\r\n'.repeat(5)); timer = setInterval(drawSpin, 100); }
    if (mode === 'lines') timer = setInterval(drawLine, 50);
  });
  process.on('SIGUSR2', () => clearInterval(timer));
}

writeFileSync(join(dir, `${name}.pid`), `${process.pid}\n`);
// Stay alive without waking up: one far-away timer.
setInterval(() => undefined, 2 ** 31 - 1);
