import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { CliResult } from './support/cli.js';
import { CPX, startServer } from './support/server.js';
import { withDeadline } from './support/until.js';

// Many `cpx new` at once: none lost, one session per project, one task per name.
const server = startServer(import.meta.filename);
const test = suite('cpx new, in parallel');
const CMD = "sh -c 'sleep 100000'";

test.after(() => server.kill());

function projectFolder(name: string): string {
  const dir = join(server.home, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

// As runCpx, with more time: 64 node processes at once on two busy cores can take longer than its 20 s.
async function runSlowCpx(args: string[], cwd: string): Promise<CliResult> {
  const r = await execa(CPX, args, { env: server.env, extendEnv: false, cwd, reject: false, timeout: 90000 });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function parallel(count: number, args: (i: number) => string[], cwd: string): Promise<CliResult[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => runSlowCpx(args(i), cwd)));
}

/** [session, task] of every task pane on the server (not the watcher's session, which links their windows). */
function tasks(): string[][] {
  return server.tmux('list-panes', '-a', '-f', '#{?#{@cpx_watch},0,#{?#{@cpx_task},1,0}}', '-F', '#{session_name}\t#{@cpx_task}')
    .trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
}

function failures(results: CliResult[]): string {
  return results.filter((r) => r.code !== 0).map((r) => `exit ${r.code}: ${r.stderr.trim()}`).join('\n');
}

test.before(async () => {
  // The watcher started now, so the bursts below race only on sessions and names, not on starting it.
  const r = await runSlowCpx(['new', 'warm', '--session', 'warm', '--cmd', CMD, 'go'], projectFolder('warm'));
  assert.is(r.code, 0, r.stderr);
});

test('20 distinct names from one folder: 20 tasks in the one project session', withDeadline(30000, async () => {
  const results = await parallel(20, (i) => ['new', `c${i}`, '--cmd', CMD, 'go'], projectFolder('proj'));
  const mine = tasks().filter(([, name]) => /^c\d+$/.test(name));
  assert.is(results.filter((r) => r.code === 0).length, 20, failures(results));
  assert.is(new Set(mine.map(([, name]) => name)).size, 20);
  assert.equal([...new Set(mine.map(([session]) => session))], ['cpx-proj']);
}));

test('20 of the same name: one starts, the rest get the duplicate-name error', withDeadline(30000, async () => {
  const results = await parallel(20, () => ['new', 'same', '--cmd', CMD, 'go'], projectFolder('other'));
  const refused = results.filter((r) => r.code === 2 && /task 'same' already exists in cpx-other:\d+\.\d+ \(pane %\d+\)/.test(r.stderr));
  assert.is(results.filter((r) => r.code === 0).length, 1, failures(results));
  assert.is(refused.length, 19, failures(results));
  assert.equal(tasks().filter(([, name]) => name === 'same'), [['cpx-other', 'same']]);
}));

test('64 distinct names with --session big: 64 tasks there', withDeadline(60000, async () => {
  const results = await parallel(64, (i) => ['new', `b${i}`, '--session', 'big', '--cmd', CMD, 'go'], projectFolder('proj'));
  assert.is(results.filter((r) => r.code === 0).length, 64, failures(results));
  const big = tasks().filter(([session]) => session === 'big');
  assert.is(new Set(big.map(([, name]) => name)).size, 64);
  assert.is(big.length, 64);
}));

test.run();
