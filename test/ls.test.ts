import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { startServer, testEnv } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'web app');
mkdirSync(project, { recursive: true });
const cpx = (args: string[], env = server.env) => runCpx(args, { env, cwd: project });
const test = suite('cpx ls');

test.after(() => server.kill());

test('no server: a friendly line, exit 0, no stack trace', withDeadline(10000, async () => {
  const env = testEnv(`cpx-t-${process.pid}-absent`, server.home);
  const r = await cpx(['ls'], env);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /no tasks yet/);
  assert.is(r.stderr, '');
  const j = await cpx(['ls', '--json'], env);
  assert.equal(JSON.parse(j.stdout), []);
}));

test('no server on the socket: the line names it; a -L name with a slash is refused (exit 2)', withDeadline(10000, async () => {
  const socket = `cpx-t-${process.pid}-absent`;
  const r = await cpx(['ls'], testEnv(socket, server.home));
  assert.is(r.stdout, `no tmux server on socket '${socket}': no tasks yet; start one with \`cpx new <name> "<prompt>"\` (or check the -L/CPX_SOCKET name)\n`);
  for (const [args, source] of [[['-L', 'bad/sock', 'ls'], '-L'], [['ls'], 'CPX_SOCKET']] as const) {
    const bad = await cpx([...args], { ...server.env, CPX_SOCKET: 'bad/sock' });
    assert.is(bad.code, 2, bad.stderr);
    assert.is(bad.stdout, '');
    assert.is(bad.stderr, `cpx: ${source} 'bad/sock' is not a socket name: tmux -L takes a plain name, no '/' (the socket lives in tmux's own folder): use e.g. -L work\n`);
  }
}));

test('--session with no such session names it and the sessions there are (exit 2, --json too)', withDeadline(10000, async () => {
  for (const args of [['ls', '--session', 'nosuch'], ['ls', '--session', 'nosuch', '--json']]) {
    const r = await cpx(args);
    assert.is(r.code, 2, r.stdout);
    assert.is(r.stdout, '');
    assert.is(r.stderr, "cpx: no session 'nosuch' on this tmux server: pick one of keep, or leave out --session\n");
  }
  const empty = await cpx(['ls', '--session', 'keep']);
  assert.is(empty.code, 0, empty.stderr);
  assert.is(empty.stdout, "no tasks in session 'keep' yet: start one with `cpx new <name> --session keep \"<prompt>\"`\n");
}));

test('no tasks on a running server: the same friendly line', withDeadline(10000, async () => {
  const r = await cpx(['ls']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /no tasks yet: start one with `cpx new/);
}));

test('--json gives every field for every task', withDeadline(30000, async () => {
  assert.is((await cpx(['new', 'auth', 'Build login+signup'])).code, 0);
  assert.is((await cpx(['new', 'signup', '--pane', 'Build the\nsignup page'])).code, 0);
  const tasks = await until(async () => {
    const list = JSON.parse((await cpx(['ls', '--json'])).stdout);
    return list.length === 2 && list;
  }, { what: 'two tasks' });
  const auth = tasks.find((t: any) => t.name === 'auth');
  for (const key of ['name', 'state', 'since', 'session', 'window', 'pane', 'agent', 'dir', 'prompt', 'sessionId']) {
    assert.ok(key in auth, `missing ${key}`);
  }
  assert.is(auth.session, 'cpx-web-app');
  assert.is(auth.agent, 'claude');
  assert.is(auth.dir, project);
  assert.is(auth.prompt, 'Build login+signup');
  assert.ok(!Number.isNaN(Date.parse(auth.since)));
  const signup = tasks.find((t: any) => t.name === 'signup');
  assert.is(signup.prompt, 'Build the\nsignup page');
  assert.is(signup.window, auth.window);
  assert.is(signup.pane, auth.pane + 1);
}));

test('the table has aligned columns and cuts the prompt to the terminal width', withDeadline(10000, async () => {
  const long = 'x'.repeat(300);
  assert.is((await cpx(['new', 'long one', long])).code, 0);
  const r = await cpx(['ls'], { ...server.env, COLUMNS: '100' });
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^NAME\s+STATE\s+FOR\s+WHERE\s+AGENT\s+DIR\s+PROMPT$/);
  const promptColumn = lines[0].indexOf('PROMPT');
  for (const line of lines) assert.ok(line.length <= 100, `too wide: ${line.length}`);
  const longRow = lines.find((l) => l.startsWith('long one'))!;
  assert.is(longRow.indexOf('xxxxx'), promptColumn);
  assert.ok(longRow.endsWith('…'));
  assert.match(lines.find((l) => l.startsWith('signup'))!, /Build the⏎signup page/);
}));

test('--waiting lists only waiting tasks (none here)', withDeadline(10000, async () => {
  const r = await cpx(['ls', '--waiting']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /no task is waiting/);
}));

test.run();
