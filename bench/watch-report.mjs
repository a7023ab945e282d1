#!/usr/bin/env node
// The tables at the end of bench/watch.sh, from its results directory.
// Usage: node bench/watch-report.mjs <results-dir> [<background watcher.log>]
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const [dir, logFile] = process.argv.slice(2);
const read = (file) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } };
const quantile = (xs, p) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)].toFixed(1) : '-';
};

// When the watcher decided "waiting": foreground --json events, background watcher.log lines (both ms clock).
const decided = {
  foreground: read(join(dir, 'fg-events.jsonl')).split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .filter((e) => e.to === 'waiting').map((e) => ({ task: e.task, t: Date.parse(e.time) })),
  background: read(logFile ?? '').split('\n').filter((l) => l.includes(' -> waiting'))
    .map((l) => { const [time, task] = l.split(' '); return { task, t: Date.parse(time) }; }),
};

console.log('\nprompt-to-bell latency, ms after the agent began writing "[y/N] " (aim: median < 150, p95 < 400)');
console.log('watcher      panes trials missed |  bell med   p95   max | flag med   p95 | decided med  p95 | decided->bell med  p95');
for (const label of ['background', 'foreground']) {
  const files = readdirSync(dir).filter((f) => f.startsWith(`lat-${label}-`));
  const docs = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const trials = docs.flatMap((d) => d.trials);
  if (!trials.length) continue;
  const split = trials.map((t) => {
    const e = decided[label].find((x) => x.task === t.name && x.t >= t.written - 5 && x.t < t.written + 3000);
    return e && t.bell ? { decided: e.t - t.written, alert: t.bell - e.t } : undefined;
  }).filter(Boolean);
  const col = (k) => trials.map((t) => t[k]);
  const cells = [
    label.padEnd(12), String(docs[0].summary.panes).padStart(5), String(trials.length).padStart(6),
    String(trials.filter((t) => t.bellMs === null).length).padStart(6), '|',
    quantile(col('bellMs'), 50).padStart(8), quantile(col('bellMs'), 95).padStart(5), quantile(col('bellMs'), 100).padStart(5), '|',
    quantile(col('flagMs'), 50).padStart(8), quantile(col('flagMs'), 95).padStart(5), '|',
    quantile(split.map((x) => x.decided), 50).padStart(11), quantile(split.map((x) => x.decided), 95).padStart(4), '|',
    quantile(split.map((x) => x.alert), 50).padStart(17), quantile(split.map((x) => x.alert), 95).padStart(4),
  ];
  console.log(cells.join(' '));
}
console.log('(bell: BEL seen as %output on our own control client; flag: #{window_bell_flag}=1, polled every 5 ms;');
console.log(' decided: the watcher logged the transition, ms resolution; decided->bell: the alert path, bell included)');

const cpu = read(join(dir, 'cpu.jsonl')).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const pct = (x) => (x === null ? '-' : x.toFixed(2)).padStart(7);
console.log('\nCPU, % of one core (aim: watcher < 0.5% with 16 quiet tasks, < 1% with 64)');
console.log('scenario                  panes  secs | watcher  ctl-client  tmux-server | machine busy');
for (const r of cpu) {
  console.log(`${r.label.padEnd(25)} ${String(r.panes).padStart(5)} ${String(r.seconds).padStart(5)} | ${pct(r.watcherPct)} ${pct(r.clientPct).padStart(11)} ${pct(r.serverPct).padStart(12)} | ${String(r.machineBusyPct).padStart(6)}%`);
}
console.log(`(-: not running; resolution ${cpu[0]?.resolutionPct}% per clock tick; machine busy: all ${cpus().length} cores, anything running)`);
