#!/usr/bin/env node
// CPU used by the cpx watcher, its tmux control client(s) and the tmux server over a window of N seconds,
// as a share of one core, read from /proc/<pid>/stat (utime+stime, all threads). Linux only.
// Usage: node bench/watch-cpu.mjs --socket NAME --seconds 25 --label TEXT [--out FILE] [--no-watcher]
// --no-watcher: the tmux server alone (a baseline: what the panes' own output costs tmux without a watcher).
import { execFileSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: { socket: { type: 'string' }, seconds: { type: 'string', default: '25' }, label: { type: 'string', default: '' }, out: { type: 'string' },
    'no-watcher': { type: 'boolean', default: false } },
});
if (!opt.socket) { console.error('watch-cpu: --socket is required'); process.exit(2); }
const tmux = (...args) => execFileSync('tmux', ['-L', opt.socket, ...args], { encoding: 'utf8' }).trim();
const HZ = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;

/** [utime+stime, cutime+cstime, ppid] in clock ticks, or undefined when the process is gone. */
function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields from #3 (state) on
    return { own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]), ppid: Number(f[1]) };
  } catch { return undefined; }
}
const childrenOf = (ppid) => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => stat(pid)?.ppid === ppid);
/** Busy share of the whole machine (all cores) from /proc/stat, to say how loaded it was. */
function machine() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  return { idle, total: f.reduce((a, b) => a + b, 0) };
}

const alone = opt['no-watcher'];
const watcher = alone ? 0 : Number(tmux('show-options', '-gqv', '@cpx_watcher'));
const server = Number(tmux('display-message', '-p', '#{pid}'));
const panes = tmux('list-panes', '-a', '-f', '#{&&:#{@cpx_task},#{?#{@cpx_watch},0,1}}', '-F', '#{pane_id}').split('\n').filter(Boolean).length;
if (!alone && !stat(watcher)) { console.error(`watch-cpu: watcher pid ${watcher} is not running`); process.exit(1); }
const clients = alone ? [] : childrenOf(watcher);
const pids = { watcher: alone ? [] : [watcher], client: clients, server: [server] };
const before = Object.fromEntries(Object.entries(pids).map(([k, list]) => [k, list.map(stat)]));
const m0 = machine();
const t0 = process.hrtime.bigint();
await new Promise((r) => setTimeout(r, Number(opt.seconds) * 1000));
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const m1 = machine();
const after = Object.fromEntries(Object.entries(pids).map(([k, list]) => [k, list.map(stat)]));

const share = (ticks) => +((100 * ticks) / HZ / seconds).toFixed(3);
const result = { label: opt.label, panes, seconds: +seconds.toFixed(1), watcherPid: watcher, clientPids: clients, serverPid: server };
for (const k of Object.keys(pids)) {
  let ticks = 0;
  pids[k].forEach((_, i) => { if (before[k][i] && after[k][i]) ticks += after[k][i].own - before[k][i].own; });
  result[`${k}Pct`] = share(ticks);
}
// Children the watcher spawned and reaped during the window (e.g. a tmux process per alert).
result.watcherReapedPct = share(after.watcher[0] && before.watcher[0] ? after.watcher[0].reaped - before.watcher[0].reaped : 0);
if (alone) result.watcherPct = result.clientPct = result.watcherReapedPct = null;
result.machineBusyPct = +(100 * (1 - (m1.idle - m0.idle) / (m1.total - m0.total))).toFixed(1);
result.resolutionPct = share(1);
if (opt.out) appendFileSync(opt.out, `${JSON.stringify(result)}\n`);
console.log(JSON.stringify(result));
