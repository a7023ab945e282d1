import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';
import { readAgentEvents } from './support/agent-log.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'acme site');
mkdirSync(project, { recursive: true });
const cpx = (...args: string[]) => runCpx(args, { env: server.env, cwd: project });
const test = suite('cpx new');

const agentEvents = (task: string) => readAgentEvents(server.home, task);

function panes(): string[][] {
  return server.tmux('list-panes', '-a', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{pane_id}\t#{session_name}\t#{window_name}\t#{@cpx_task}\t#{pane-border-status}\t#{remain-on-exit}')
    .trim().split('\n').map((l) => l.split('\t'));
}

test.after(() => server.kill());

test('starts the agent in a new window of a project session, with the prompt byte-exact in argv', withDeadline(30000, async () => {
  const prompt = `-x "it's $(rm -rf ~)" ✓\nsecond line; \`whoami\` *`;
  // A prompt that starts with '-' goes after '--', as with any command-line tool.
  const r = await cpx('new', 'auth', '--', prompt);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /started auth in cpx-acme-site:\d+\.0/);
  assert.match(r.stdout, /cpx attach 'auth'/);
  const start = await until(() => agentEvents('auth').find((e) => e.event === 'start'), { what: 'fake agent start' });
  const dash = start.argv.indexOf('--');
  assert.is(start.argv[dash + 1], prompt);
  assert.is(start.argv.length, dash + 2);
  assert.equal(start.argv.slice(0, 2)[0], '--session-id');
  assert.ok(start.argv.includes('--name'));
  assert.is(start.cwd, project);
  const row = panes().find((p) => p[3] === 'auth')!;
  assert.is(row[1], 'cpx-acme-site');
  assert.is(row[2], 'auth');
  assert.is(row[4], 'top');
  assert.is(row[5], 'on');
}));

test('--pane splits the current window; names with spaces, quotes and unicode are labels', withDeadline(30000, async () => {
  for (const name of ['sign up', "pay'ments", 'ünï 漢字 $(x);']) {
    const r = await cpx('new', name, '--pane', 'do it');
    assert.is(r.code, 0, r.stderr);
    // The watcher's session links the same window: the task's own session is the one reported.
    assert.match(r.stdout, /^started .+ in cpx-acme-site:\d+\.\d+ /);
    assert.not.match(r.stdout, /cpx-watch/);
    await until(() => agentEvents(name).find((e) => e.event === 'start'), { what: `start of ${name}` });
  }
  const rows = panes();
  const auth = rows.find((p) => p[3] === 'auth')!;
  const names = rows.filter((p) => p[2] === auth[2]).map((p) => p[3]);
  assert.equal(names.sort(), ['auth', "pay'ments", 'sign up', 'ünï 漢字 $(x);'].sort());
}));

test('the border shows the task name (seen by an attached client)', withDeadline(30000, async () => {
  server.tmux('new-session', '-d', '-s', 'viewer', '-x', '150', '-y', '40', 'env', '-u', 'TMUX', 'tmux', '-L', server.socket, 'attach', '-t', 'cpx-acme-site');
  // The viewer is a client of the same server: its pane shows what a user would see.
  const screen = await until(() => {
    const text = server.tmux('capture-pane', '-p', '-t', 'viewer:');
    return text.includes('── sign up') || text.includes(' sign up ') ? text : '';
  }, { what: 'border label', pane: [server.socket, 'viewer:'] });
  assert.match(screen, /auth/);
  assert.match(screen, /pay'ments/);
  server.tmux('kill-session', '-t', 'viewer');
}));

test('a duplicate name in the same session is refused and names the existing pane', withDeadline(10000, async () => {
  const before = panes().length;
  const r = await cpx('new', 'auth', 'again');
  assert.is(r.code, 2);
  assert.match(r.stderr, /task 'auth' already exists in cpx-acme-site:\d+\.\d \(pane %\d+\)/);
  assert.is(r.stderr.trim().split('\n').length, 1);
  assert.is(panes().length, before);
}));

test('a pane whose program exits stays visible as exited with its status', withDeadline(30000, async () => {
  const r = await cpx('new', 'quitter', '--cmd', `node -e "console.log('first line'); console.log('last words'); process.exit(3)"`);
  assert.is(r.code, 0, r.stderr);
  const task = await until(async () => {
    const list = JSON.parse((await cpx('ls', '--json')).stdout);
    return list.find((t: any) => t.name === 'quitter' && t.state === 'exited' && t.exitStatus !== null);
  }, { what: 'quitter exited' });
  assert.is(task.exitStatus, 3);
  // tmux scrolls the screen one line to print "Pane is dead": the rest stays in view.
  assert.match(server.tmux('capture-pane', '-p', '-t', task.paneId), /last words/);
}));

test('--cmd splits like a shell and appends the prompt as the last argument', withDeadline(10000, async () => {
  const r = await cpx('new', 'custom', '--cmd', `fake-agent --model "big one" 'single q'`, 'the prompt');
  assert.is(r.code, 0, r.stderr);
  const start = await until(() => agentEvents('custom').find((e) => e.event === 'start'), { what: 'custom start' });
  assert.equal(start.argv, ['--model', 'big one', 'single q', 'the prompt']);
}));

test('CLAUDECODE is removed from the agent environment', withDeadline(10000, async () => {
  const r = await runCpx(['new', 'nested', 'hi'], { env: { ...server.env, CLAUDECODE: '1' }, cwd: project });
  assert.is(r.code, 0, r.stderr);
  server.tmux('set-environment', '-g', 'CLAUDECODE', '1');
  const r2 = await cpx('new', 'nested2', 'hi');
  assert.is(r2.code, 0, r2.stderr);
  const start = await until(() => agentEvents('nested2').find((e) => e.event === 'start'), { what: 'nested2 start' });
  assert.is(start.claudecode, null);
  server.tmux('set-environment', '-g', '-u', 'CLAUDECODE');
}));

test('bad input: usage errors exit 2 with one line and start nothing', withDeadline(20000, async () => {
  const before = panes().length;
  const cases: Array<[string[], RegExp]> = [
    [['new'], /^cpx: missing the task name: cpx new <name> \[prompt\.\.\.\], e\.g\. cpx new auth "Build login/],
    [['new', 'x', '--dir', join(server.home, 'nope')], /directory '.*nope' does not exist/],
    [['new', 'x', '--agent', 'gpt'], /unknown agent 'gpt'/],
    [['new', 'x', '--agent', 'shell', '--cmd', 'ls'], /--agent and --cmd/],
    [['new', 'x', '--cmd', `a "b`], /unterminated " quote/],
    [['new', 'tab\there'], /control character/],
    [['new', 'x', '--session', 'a.b'], /session name "a.b" is not usable/],
    [['new', 'x', '--bogus'], /unknown option '--bogus'/],
    [['nwe'], /^cpx: unknown command 'nwe': did you mean `cpx new`\? \(see cpx --help\)\n$/],
  ];
  for (const [args, message] of cases) {
    const r = await cpx(...args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.is(r.stdout, '');
  }
  assert.is(panes().length, before);
}));

test('an agent missing from PATH is a clear error (exit 1), nothing started', withDeadline(10000, async () => {
  const before = panes().length;
  const r = await runCpx(['new', 'x', 'hi'], { env: { ...server.env, PATH: '/usr/bin:/bin' }, cwd: project });
  assert.is(r.code, 1);
  assert.match(r.stderr, /'claude' is not on PATH/);
  assert.is(panes().length, before);
}));

test('a server cpx starts keeps NODE_EXTRA_CA_CERTS (bin/cpx hides it from node, not from agents)', withDeadline(30000, async () => {
  const socket = `${server.socket}-own`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  try {
    const r = await runCpx(['new', 'certs', 'hi'], { env: { ...server.env, CPX_SOCKET: socket, NODE_EXTRA_CA_CERTS: '/corp/ca.pem' }, cwd: project });
    assert.is(r.code, 0, r.stderr);
    const env = tmux('show-environment', '-g').stdout;
    assert.match(env, /^NODE_EXTRA_CA_CERTS=\/corp\/ca\.pem$/m);
    assert.not.match(env, /CPX_NODE_EXTRA_CA_CERTS/);
  } finally {
    tmux('kill-server');
    rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, socket), { force: true });
  }
}));

test.run();
