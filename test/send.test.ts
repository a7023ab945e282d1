import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { ROOT, startServer } from './support/server.js';
import { execa } from 'execa';
import { until, withDeadline } from './support/until.js';
import { readAgentEvents } from './support/agent-log.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'shop');
mkdirSync(project, { recursive: true });
const cpx = (args: string[], input?: string) => runCpx(args, { env: server.env, cwd: project, input });
const test = suite('cpx send / interrupt / kill');

const events = (task: string) => readAgentEvents(server.home, task);
const inputs = (task: string) => events(task).filter((e) => e.event === 'input').map((e) => e.text);

test.before(async () => {
  for (const name of ['auth', 'sign up', "pay'ments"]) {
    const r = await cpx(['new', name, 'start']);
    assert.is(r.code, 0, r.stderr);
    await until(() => events(name).find((e) => e.event === 'start'), { what: `${name} started` });
  }
});
test.after(() => server.kill());

test('send types one line and presses Enter', withDeadline(10000, async () => {
  const r = await cpx(['send', 'auth', 'add', 'a', 'logout', 'button']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'sent 1 line to auth\n');
  assert.equal(await until(() => inputs('auth').length && inputs('auth'), { what: 'input' }), ['add a logout button']);
}));

test('a three-line text arrives as one message', withDeadline(10000, async () => {
  const text = 'line one\nline "two" $(x)\nline three ✓';
  const r = await cpx(['send', 'sign up', text]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, 'sent 3 lines to sign up\n');
  assert.equal(await until(() => inputs('sign up').length && inputs('sign up'), { what: 'input' }), [text]);
}));

test("send - reads the text from stdin; --no-enter leaves it unsent", withDeadline(10000, async () => {
  let r = await cpx(['send', "pay'ments", '--no-enter', '-'], 'typed but not sent');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /not submitted/);
  const pane = JSON.parse((await cpx(['ls', '--json'])).stdout).find((t: any) => t.name === "pay'ments").paneId;
  await until(() => server.tmux('capture-pane', '-p', '-t', pane).includes('typed but not sent'), { what: 'typed text on screen', pane: [server.socket, pane] });
  assert.equal(inputs("pay'ments"), []);
  r = await cpx(['send', "pay'ments", ' and now sent']);
  assert.is(r.code, 0);
  assert.equal(await until(() => inputs("pay'ments").length && inputs("pay'ments")), ['typed but not sent and now sent']);
}));

test('interrupt presses Escape', withDeadline(10000, async () => {
  const r = await cpx(['interrupt', 'auth']);
  assert.is(r.code, 0, r.stderr);
  await until(() => events('auth').some((e) => e.event === 'escape'), { what: 'escape received' });
}));

test('unknown task names fail with the known names, exit 1', withDeadline(10000, async () => {
  for (const args of [['send', 'nope', 'x'], ['interrupt', 'nope'], ['kill', 'nope']]) {
    const r = await cpx(args);
    assert.is(r.code, 1, args.join(' '));
    assert.match(r.stderr, /no task named 'nope': known tasks: .*auth/);
  }
}));

test("send to an exited task gives the one command that starts it again, and that command works", withDeadline(20000, async () => {
  const name = "it's done";
  assert.is((await cpx(['new', name, '--cmd', 'sh -c "exit 3"', '--', '-v'])).code, 0);
  await until(async () => JSON.parse((await cpx(['ls', '--json'])).stdout).find((t: any) => t.name === name && t.state === 'exited'), { what: 'exited' });
  const r = await cpx(['send', name, 'hello']);
  assert.is(r.code, 2);
  const hint = "cpx kill 'it'\\''s done' && cpx new 'it'\\''s done' --cmd 'sh -c '\\''exit 3'\\''' -- -v";
  assert.is(r.stderr, `cpx: task '${name}' has exited (status 3): start it again with \`${hint}\`\n`);
  // Pasted into a shell as printed, it ends the old pane and starts the same task under the same name.
  const env = { ...server.env, PATH: `${join(ROOT, 'bin')}:${server.env.PATH}` };
  const again = await execa('sh', ['-c', hint], { env, extendEnv: false, cwd: project, reject: false });
  assert.is(again.exitCode, 0, again.stderr);
  const tasks = JSON.parse((await cpx(['ls', '--json'])).stdout).filter((t: any) => t.name === name);
  assert.is(tasks.length, 1);
  assert.is(tasks[0].prompt, '-v');
  assert.is((await cpx(['kill', name])).code, 0);
}));

test('kill ends one pane and the journal records it', withDeadline(10000, async () => {
  const r = await cpx(['kill', 'sign up']);
  assert.is(r.code, 0, r.stderr);
  const names = JSON.parse((await cpx(['ls', '--json'])).stdout).map((t: any) => t.name);
  assert.equal(names.sort(), ['auth', "pay'ments"]);
  const journal = readFileSync(join(server.home, 'state/cpx/journal.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const born = journal.find((e) => e.event === 'new' && e.task === 'sign up');
  assert.is(born.prompt, 'start');
  assert.is(born.dir, project);
  assert.match(born.agentSessionId, /^[0-9a-f-]{36}$/);
  assert.ok(journal.find((e) => e.event === 'kill' && e.task === 'sign up' && e.agentSessionId === born.agentSessionId));
}));

test('kill --all asks first: refused without a terminal unless --yes', withDeadline(10000, async () => {
  let r = await cpx(['kill', '--all']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /refusing to kill 2 task\(s\) without confirmation: add --yes/);
  assert.is(JSON.parse((await cpx(['ls', '--json'])).stdout).length, 2);
  r = await cpx(['kill', '--all', '--yes']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse((await cpx(['ls', '--json'])).stdout), []);
}));

test.run();
