// Input that used to be accepted and then went wrong: `new --after` that can never start, and
// `save` names that write odd files. Each is refused in one line, exit 2, with nothing changed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'proj');
mkdirSync(project, { recursive: true });
const cpx = (...args: string[]) => runCpx(args, { env: server.env, cwd: project });
const test = suite('input checks');
test.after(() => server.kill());

const taskNames = () => server.tmux('list-panes', '-a', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{@cpx_task}').split('\n').filter(Boolean).sort();
const SLEEP = ['--cmd', "sh -c 'sleep 100000'", 'x'];

test('new --after: itself, an unknown task and a cycle are refused; a real prerequisite is accepted', withDeadline(20000, async () => {
  assert.is((await cpx('new', 'api', ...SLEEP)).code, 0);
  assert.is((await cpx('new', 'web', '--after', 'api', ...SLEEP)).code, 0);
  const cases: Array<[string[], RegExp]> = [
    [['new', 'self', '--after', 'self', ...SLEEP], /^cpx: --after names the task itself \('self'\): it would wait forever; leave it out\n$/],
    [['new', 'db-user', '--after', 'db', ...SLEEP], /^cpx: --after names no task in this session: db: start it first, or see `cpx ls`\n$/],
    // api is running, so `api --after web` is refused as a duplicate name; a new name closing a loop through a pending task:
    [['new', 'docs', '--after', 'web,docs', ...SLEEP], /^cpx: --after names the task itself/],
  ];
  for (const [args, expected] of cases) {
    const r = await cpx(...args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, expected);
  }
  assert.equal(taskNames(), ['api', 'web']);
}));

test('new --after: a cycle through pending tasks is refused', withDeadline(20000, async () => {
  // A pending task that waits for a name not started yet can only come from an old cpx or a layout;
  // make one by hand: `later` waits for `first`, which does not exist.
  const r = await cpx('new', 'later', '--after', 'web', ...SLEEP);
  assert.is(r.code, 0, r.stderr);
  const pane = server.tmux('list-panes', '-a', '-f', '#{==:#{@cpx_task},later}', '-F', '#{pane_id}').trim().split('\n')[0];
  server.tmux('set-option', '-p', '-t', pane, '@cpx_after', JSON.stringify(['first']));
  const cycle = await cpx('new', 'first', '--after', 'later', ...SLEEP);
  assert.is(cycle.code, 2, cycle.stderr);
  assert.is(cycle.stderr, 'cpx: --after makes a cycle: first → later → first: no task of it could ever start\n');
  assert.not.ok(taskNames().includes('first'));
}));

test("save: '..', '', '-x' and '.hidden' are not layout names; nothing is written", withDeadline(20000, async () => {
  for (const name of ['..', '', '.hidden', 'a b\u0007']) {
    const r = await cpx('save', name);
    assert.is(r.code, 2, `${JSON.stringify(name)}: ${r.stderr}`);
    assert.match(r.stderr, /^cpx: '.*' is (not a layout name|a folder, not a layout file): [^\n]+\n$/);
  }
  const dash = await cpx('save', '--', '-x');
  assert.is(dash.code, 2, dash.stderr);
  assert.match(dash.stderr, /^cpx: '-x' is not a layout name: .*`cpx save sprint-12`/);
  const dots = await cpx('save', './..');
  assert.is(dots.code, 2, dots.stderr);
  assert.not.ok(existsSync(join(project, 'layouts')) && readdirSync(join(project, 'layouts')).length);
}));

test('save into a folder it cannot write: one line naming the file, not "unexpected error"', withDeadline(20000, async () => {
  const locked = join(server.home, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o500);
  try {
    const r = await runCpx(['save', join(locked, 'sprint.yaml')], { env: { ...server.env }, cwd: project });
    if (process.getuid?.() === 0) {
      assert.is(r.code, 0, 'root writes anywhere: the case only exists for other users'); // CI runs as root
    } else {
      assert.is(r.code, 1);
      assert.match(r.stderr, /^cpx: cannot write .*sprint\.yaml \(EACCES\): save to a folder you can write/);
    }
  } finally {
    chmodSync(locked, 0o700);
  }
  // A file where the folder should be fails for root too.
  const r = await cpx('save', join(server.home, 'proj/layouts-file/x.yaml'));
  assert.is(r.code, 0, r.stderr);
  const blocked = await cpx('save', join(server.home, 'proj/layouts-file/x.yaml/y.yaml'));
  assert.is(blocked.code, 1, blocked.stderr);
  assert.match(blocked.stderr, /^cpx: cannot write .*y\.yaml \((ENOTDIR|EEXIST)\): save to a folder you can write[^\n]*\n$/);
}));

test('down <path> still finds the tasks after the layout file moved away', withDeadline(20000, async () => {
  const file = join(project, 'moving.yaml');
  writeFileSync(file, 'name: moving\ntasks:\n  - name: mover\n    cmd: sleep 100000\n');
  assert.is((await cpx('up', file)).code, 0);
  renameSync(file, join(project, 'moved.yaml'));
  const r = await cpx('down', file, '--yes');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /killed mover/);
  assert.not.ok(taskNames().includes('mover'));
}));

test('--env of the task that made the session stays with that task (no leak into the next one)', withDeadline(20000, async () => {
  const out = join(server.home, 'env-out');
  mkdirSync(out, { recursive: true });
  const show = (name: string) => `sh -c 'echo "[$FOO][$CPX_TASK]" > ${out}/${name}; sleep 100000'`;
  assert.is((await cpx('new', 'env-first', '--session', 'envs', '--env', 'FOO=leak', '--cmd', show('first'), 'x')).code, 0);
  assert.is((await cpx('new', 'env-second', '--session', 'envs', '--cmd', show('second'), 'x')).code, 0);
  const read = (name: string) => (existsSync(join(out, name)) ? readFileSync(join(out, name), 'utf8') : '');
  await until(() => read('first') && read('second'), { what: 'both tasks wrote their environment' });
  assert.is(read('first'), '[leak][env-first]\n');
  assert.is(read('second'), '[][env-second]\n');
}));

test.run();
