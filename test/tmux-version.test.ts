// The oldest tmux cpx works with is enforced by every command that talks to tmux, once per tmux binary
// (its version is cached by path, size and mtime), with one line naming both versions.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCpx } from './support/cli.js';
import { startServer } from './support/server.js';
import { withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const test = suite('tmux version');
test.after(() => server.kill());

const realTmux = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).stdout.trim();
/** A `tmux` first on PATH that reports `version` for -V (and logs each time it is asked), else runs the real one. */
function fakeTmux(version: string): { env: NodeJS.ProcessEnv; asked: () => number; bin: string } {
  const dir = join(server.home, `tmux-${version}`);
  mkdirSync(dir, { recursive: true });
  const log = join(dir, 'asked');
  const bin = join(dir, 'tmux');
  writeFileSync(bin, `#!/bin/sh\nif [ "$1" = -V ]; then echo x >> '${log}'; echo 'tmux ${version}'; exit 0; fi\nexec '${realTmux}' "$@"\n`);
  chmodSync(bin, 0o755);
  const asked = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);
  return { env: { ...server.env, PATH: `${dir}:${server.env.PATH}` }, asked, bin };
}
const taskNames = () => server.tmux('list-panes', '-a', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{@cpx_task}').split('\n').filter(Boolean);

test('tmux 3.0a: new exits 1 with one line naming both versions, and starts nothing', withDeadline(15000, async () => {
  const old = fakeTmux('3.0a');
  const r = await runCpx(['new', 'old', '--cmd', 'sleep 100', 'x'], { env: old.env, cwd: server.home });
  assert.is(r.code, 1);
  assert.is(r.stderr, 'cpx: tmux 3.0a is too old: cpx needs tmux 3.2 or newer; upgrade it (apt-get install tmux / brew upgrade tmux) or put a newer one first on PATH\n');
  assert.equal(taskNames(), []);
  for (const args of [['ls'], ['send', 'x', 'hi'], ['kill', 'x'], ['up', 'nosuch']]) {
    const other = await runCpx(args, { env: old.env, cwd: server.home });
    if (args[0] === 'up') assert.is(other.code, 2, 'a missing layout is found out before tmux is asked');
    else assert.match(other.stderr, /tmux 3\.0a is too old/, `cpx ${args.join(' ')}`);
  }
  const doctor = await runCpx(['doctor'], { env: old.env, cwd: server.home });
  assert.is(doctor.code, 1);
  assert.match(doctor.stdout, /✗ tmux 3\.0a \(cpx needs 3\.2 or newer\)/);
}));

test('a new enough tmux is asked its version once, again only when the binary changes', withDeadline(20000, async () => {
  const ok = fakeTmux('3.4');
  for (let i = 0; i < 3; i++) {
    const r = await runCpx(['ls'], { env: ok.env, cwd: server.home });
    assert.is(r.code, 0, r.stderr);
  }
  assert.is(ok.asked(), 1);
  utimesSync(ok.bin, new Date(), new Date(Date.now() + 5000));
  const r = await runCpx(['ls'], { env: ok.env, cwd: server.home });
  assert.is(r.code, 0, r.stderr);
  assert.is(ok.asked(), 2);
}));

test('next-3.6 and 3.10 are new enough', withDeadline(15000, async () => {
  for (const version of ['next-3.6', '3.10']) {
    const r = await runCpx(['ls'], { env: fakeTmux(version).env, cwd: server.home });
    assert.is(r.code, 0, `${version}: ${r.stderr}`);
  }
}));

test.run();
