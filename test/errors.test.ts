import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { scratchDir } from './support/scratch.js';
import { ROOT, startServer } from './support/server.js';
import { withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'p');
mkdirSync(project, { recursive: true });
const test = suite('errors and doctor');

test.after(() => server.kill());

/** A PATH with node and the fixture agents but no tmux. */
function pathWithoutTmux(): string {
  const dir = scratchDir('notmux');
  symlinkSync(process.execPath, join(dir, 'node'));
  return `${dir}:${join(import.meta.dirname, 'fixtures/bin')}`;
}

test('a checkout that was never built: one line saying how to build it, exit 1', withDeadline(10000, async () => {
  const checkout = scratchDir('unbuilt');
  mkdirSync(join(checkout, 'bin'));
  copyFileSync(join(ROOT, 'bin/cpx'), join(checkout, 'bin/cpx'));
  const r = await execa(join(checkout, 'bin/cpx'), ['ls'], { env: server.env, extendEnv: false, reject: false });
  assert.is(r.exitCode, 1);
  assert.is(r.stderr, `cpx: not built yet (no dist/): run \`npm run build\` in ${checkout}/bin/..`);
  assert.is(r.stdout, '');
}));

test('missing tmux: one clear line, exit 1', withDeadline(10000, async () => {
  const env = { ...server.env, PATH: pathWithoutTmux() };
  for (const args of [['new', 'x', 'hi'], ['send', 'x', 'hi'], ['ls']]) {
    const r = await runCpx(args, { env, cwd: project });
    assert.is(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.is(r.stderr.trim(), 'cpx: tmux is not installed or not on PATH: install it (apt-get install tmux / brew install tmux)');
  }
  const d = await runCpx(['doctor'], { env, cwd: project });
  assert.is(d.code, 1);
  assert.match(d.stdout, /✗ tmux not found on PATH  → install tmux \(apt-get install tmux \/ brew install tmux\)\n/);
  assert.not.match(d.stdout, /server/, 'no server line (and no server fix) without tmux');
  // A tmux on PATH that cannot run is not "not found": the fix names the file on PATH.
  const dir = scratchDir('badtmux');
  writeFileSync(join(dir, 'tmux'), 'not a program');
  const broken = await runCpx(['doctor'], { env: { ...env, PATH: `${dir}:${env.PATH}` }, cwd: project });
  assert.is(broken.code, 1);
  assert.match(broken.stdout, /✗ tmux could not run: .*EACCES {2}→ make the tmux on PATH an executable tmux, or install tmux/);
}));

test('a server that is not running: commands that act on a task say so', withDeadline(10000, async () => {
  const env = { ...server.env, CPX_SOCKET: `cpx-t-${process.pid}-gone` };
  const r = await runCpx(['send', 'x', 'hi'], { env, cwd: project });
  assert.is(r.code, 1);
  assert.match(r.stderr, /^cpx: no tmux server is running on socket 'cpx-t-\d+-gone': start a task with `cpx new <name>` first\n$/);
}));

test('doctor reports tmux, the agents, the server and the journal', withDeadline(10000, async () => {
  const r = await runCpx(['doctor'], { env: server.env, cwd: project });
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /✓ tmux \d+\.\d+\w* \(cpx needs 3\.2 or newer\)/);
  assert.match(r.stdout, /✓ claude: .*fixtures\/bin\/claude/);
  assert.match(r.stdout, /server on socket 'cpx-t-.*': 1 session/);
  const j = JSON.parse((await runCpx(['doctor', '--json'], { env: server.env, cwd: project })).stdout);
  assert.is(j.ok, true);
  assert.ok(j.checks.find((c: any) => c.name === 'tmux').ok);
}));

test('--help on each command shows examples; --version prints the version', withDeadline(30000, async () => {
  for (const command of ['new', 'ls', 'attach', 'send', 'interrupt', 'kill']) {
    const r = await runCpx([command, '--help'], { env: server.env });
    assert.is(r.code, 0);
    assert.match(r.stdout, /Examples:\n  \$ cpx /, command);
  }
  const v = await runCpx(['--version'], { env: server.env });
  assert.is(v.code, 0);
  assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
}));

test('usage errors: send without text, kill without a name', withDeadline(10000, async () => {
  let r = await runCpx(['send', 'x'], { env: server.env });
  assert.is(r.code, 2);
  assert.match(r.stderr, /missing required argument 'text'/);
  r = await runCpx(['kill'], { env: server.env });
  assert.is(r.code, 2);
  assert.match(r.stderr, /which task\? give its name, or --all/);
}));

test.run();
