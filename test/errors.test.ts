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

test('bare cpx prints the commands in groups on stdout, exit 0; every line fits 80 columns', withDeadline(20000, async () => {
  for (const args of [[], ['--no-color'], ['--help'], ['help']]) {
    const r = await runCpx(args, { env: server.env });
    assert.is(r.code, 0, `cpx ${args.join(' ')}: ${r.stderr}`);
    assert.is(r.stderr, '');
    assert.match(r.stdout, /^Usage: cpx \[options\] \[command\]\n/);
    const headings = r.stdout.split('\n').filter((line) => /^\S.*:$/.test(line));
    assert.equal(headings, ['Options:', 'Tasks:', 'Watching and answering:', 'Layouts:', 'Shell and tmux integration:', 'Setup:']);
    assert.match(r.stdout, /\nTasks:\n  new <name> \[prompt\.\.\.\] +start an agent task/);
    assert.match(r.stdout, /\n  approve \[name\] \[choice\] +answer a task's prompt/);
    assert.match(r.stdout, /\nLearn more: `cpx <command> --help` \(options, examples\) and the README\.\n$/);
    for (const line of r.stdout.split('\n')) assert.ok([...line].length <= 80, `wider than 80 columns: ${line}`);
  }
  // A command's own help keeps its long description.
  const help = await runCpx(['new', '--help'], { env: server.env });
  assert.match(help.stdout, /\nstart an agent task in a new tmux window \(or pane\) with a labeled border\n/);
}));

test('commander usage errors are one line that says what to type, exit 2', withDeadline(20000, async () => {
  const cases: Array<[string[], string]> = [
    [['sned'], "unknown command 'sned': did you mean `cpx send`? (see cpx --help)"],
    [['frobnicate'], "unknown command 'frobnicate': see cpx --help for the commands"],
    [['help', 'frobnicate'], "unknown command 'frobnicate': see cpx --help for the commands"],
    [['ls', '--jsn'], "unknown option '--jsn': did you mean --json? (see cpx ls --help)"],
    [['ls', '--bogus'], "unknown option '--bogus': see cpx ls --help for the options"],
    [['done'], 'missing the task name: cpx done <name>, e.g. cpx done backend'],
    [['up'], 'missing the layout: cpx up <layout>, e.g. cpx up pages'],
    [['done', 'my', 'task'], 'too many arguments (quote a name that has spaces): cpx done <name>, e.g. cpx done backend'],
    [['ls', 'extra'], "too many arguments: cpx ls takes none (got 'extra'); see cpx ls --help"],
    [['new', 'x', '--dir'], '--dir needs a value: cpx new --dir <path> (see cpx new --help)'],
  ];
  for (const [args, message] of cases) {
    const r = await runCpx(args, { env: server.env });
    assert.is(r.code, 2, `cpx ${args.join(' ')}: ${r.stderr}`);
    assert.is(r.stderr, `cpx: ${message}\n`);
    assert.is(r.stdout, '');
  }
}));

test('usage errors: send without text, kill without a name', withDeadline(10000, async () => {
  let r = await runCpx(['send', 'x'], { env: server.env });
  assert.is(r.code, 2);
  assert.is(r.stderr, 'cpx: missing the text to type: cpx send <name> <text...>, e.g. cpx send auth "Also add a logout button"\n');
  r = await runCpx(['kill'], { env: server.env });
  assert.is(r.code, 2);
  assert.match(r.stderr, /which task\? give its name, or --all/);
}));

test.run();
