#!/usr/bin/env node
// Prompt-to-bell latency of the cpx watcher, measured from outside through a control client of our own.
// Usage: node bench/watch-latency.mjs --socket NAME --session NAME --agents DIR --trials N --label TEXT --out FILE
// Each trial: wait until the task is not waiting, pause 300–700 ms (so trials do not lock to the watcher's timers),
// SIGUSR1 a prompt-agent (it prints "... [y/N] " and logs the write time), then time:
//   seen  the question text arriving as %output on our control client (tmux's own delivery delay)
//   bell  a BEL (\007) arriving as %output for that pane: the watcher wrote it to the pane's tty
//   flag  #{window_bell_flag} of the task's window becoming 1, polled every 5 ms through the same client
// then SIGUSR2 (the agent answers itself) and wait for @cpx_state to leave "waiting".
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    socket: { type: 'string' }, session: { type: 'string' }, agents: { type: 'string' },
    trials: { type: 'string', default: '40' }, label: { type: 'string', default: 'watcher' }, out: { type: 'string' },
  },
});
for (const k of ['socket', 'session', 'agents']) if (!opt[k]) { console.error(`watch-latency: --${k} is required`); process.exit(2); }
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll fn until it returns a truthy value; throw after `timeout` ms. */
async function until(fn, what, timeout = 5000, every = 20) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(every);
  }
}

// --- our control client: a grouped session marked @cpx_watch so the watcher skips its rows ---
const probe = `cpx-bench-probe-${process.pid}`;
const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;
const child = spawn('tmux', ['-L', opt.socket, '-C', 'new-session', '-A', '-f', 'ignore-size', '-s', probe, '-t', `=${opt.session}`,
  ';', 'set-option', '-t', `=${probe}:`, '@cpx_watch', 'bench-probe', ';', 'set-option', '-t', `=${probe}:`, 'destroy-unattached', 'on'],
{ stdio: ['pipe', 'pipe', 'inherit'] });
const pending = [];
let block;
let partial = '';
const watchers = new Map(); // paneId -> { onBell, onSeen }
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  const at = now();
  const lines = (partial + chunk).split('\n');
  partial = lines.pop();
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (block) {
      if (line === `%end ${block.header}` || line === `%error ${block.header}`) {
        if (block.ours) pending.shift()?.({ ok: line.startsWith('%end'), lines: block.lines });
        block = undefined;
      } else block.lines.push(line);
    } else if (line.startsWith('%begin ')) {
      const header = line.slice(7);
      block = { header, lines: [], ours: (Number(header.split(' ')[2]) & 1) === 1 };
    } else if (line.startsWith('%output ')) {
      const sp = line.indexOf(' ', 8);
      const w = watchers.get(line.slice(8, sp));
      if (!w) continue;
      const data = line.slice(sp + 1);
      if (data.includes('\\007')) w.onBell(at);
      if (data.includes('[y/N]')) w.onSeen(at);
    }
  }
});
child.on('exit', (code) => { if (!done) { console.error(`watch-latency: control client exited (${code})`); process.exit(1); } });
let done = false;
function send(...words) {
  return new Promise((resolve) => { pending.push(resolve); child.stdin.write(`${words.map(q).join(' ')}\n`); });
}

// --- the tasks: agent pid files matched to panes by pane_pid ---
const pids = new Map();
for (const f of readdirSync(opt.agents)) {
  if (f.endsWith('.pid')) pids.set(Number(readFileSync(join(opt.agents, f), 'utf8')), f.slice(0, -4));
}
await sleep(200);
const listed = await send('list-panes', '-s', '-t', `=${opt.session}`, '-F', '#{pane_id} #{window_id} #{pane_pid}');
const panes = listed.lines.map((l) => l.split(' ')).filter(([, , pid]) => pids.has(Number(pid)))
  .map(([paneId, windowId, pid]) => ({ paneId, windowId, pid: Number(pid), name: pids.get(Number(pid)) }));
if (!panes.length) { console.error('watch-latency: no prompt-agent panes found'); process.exit(1); }

const stateOf = async (p) => (await send('display-message', '-p', '-t', p.paneId, '#{@cpx_state}')).lines[0] ?? '';
const lastTimes = (p) => {
  try {
    const rows = readFileSync(join(opt.agents, `${p.name}.times`), 'utf8').trim().split('\n');
    return rows.at(-1).split(' ').map(Number);
  } catch { return undefined; }
};

const trials = [];
const total = Number(opt.trials);
for (let i = 0; i < total; i++) {
  const p = panes[i % panes.length];
  await until(async () => (await stateOf(p)) !== 'waiting', `${p.name} to stop waiting`);
  // select-window clears the window's alert flags in the task's (unattached) session.
  await send('select-window', '-t', `=${opt.session}:${p.windowId}`);
  await sleep(300 + Math.random() * 400);
  const before = lastTimes(p)?.[0] ?? 0;
  const r = { pane: p.paneId, name: p.name };
  const bell = new Promise((resolve) => watchers.set(p.paneId, { onBell: resolve, onSeen: (t) => { r.seen ??= t; } }));
  process.kill(p.pid, 'SIGUSR1');
  const flag = (async () => {
    for (let n = 0; n < 600; n++) {
      const reply = await send('display-message', '-p', '-t', `=${opt.session}:${p.windowId}`, '#{window_bell_flag}');
      if (reply.lines[0] === '1') return now();
      await sleep(5);
    }
    return undefined;
  })();
  r.bell = await Promise.race([bell, sleep(3000).then(() => undefined)]);
  r.flag = await flag;
  watchers.delete(p.paneId);
  const row = await until(() => { const t = lastTimes(p); return t && t[0] > before ? t : undefined; }, `${p.name}.times`);
  r.written = row[1]; // when the write of the question began (the text is on screen within it)
  r.writeMs = +(row[2] - row[1]).toFixed(2);
  for (const k of ['seen', 'bell', 'flag']) r[`${k}Ms`] = r[k] === undefined ? null : +(r[k] - r.written).toFixed(2);
  trials.push(r);
  process.kill(p.pid, 'SIGUSR2');
}
await until(async () => (await stateOf(panes[(total - 1) % panes.length])) !== 'waiting', 'last task to stop waiting');
done = true;
child.stdin.end();

const pct = (xs, p) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  if (!s.length) return null;
  return +s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))].toFixed(1);
};
const col = (k) => trials.map((t) => t[k]);
const summary = {
  label: opt.label, panes: panes.length, trials: trials.length,
  missed: trials.filter((t) => t.bellMs === null).length,
  bell: { median: pct(col('bellMs'), 50), p95: pct(col('bellMs'), 95), max: pct(col('bellMs'), 100), min: pct(col('bellMs'), 0) },
  flag: { median: pct(col('flagMs'), 50), p95: pct(col('flagMs'), 95) },
  seen: { median: pct(col('seenMs'), 50), p95: pct(col('seenMs'), 95) },
};
if (opt.out) writeFileSync(opt.out, JSON.stringify({ summary, trials }, null, 1));
console.log(JSON.stringify(summary));
