// cpx up / down / save / layouts / demo, black box against a private server, with the shipped demo agent.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, rmSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { runCpx } from './support/cli.js';
import { FIXTURE_BIN, ROOT, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

// Example layouts start `npm test`/`npx …` tasks: stand-ins here, so a test never runs the real
// test suite (or the network) from inside the test suite.
const stubs = mkdtempSync(join(tmpdir(), 'cpx-stubs-'));
for (const program of ['npm', 'npx']) {
  writeFileSync(join(stubs, program), '#!/bin/sh\nexec sleep 600\n', { mode: 0o755 });
}
const server = startServer(import.meta.filename, { PATH: `${stubs}:${FIXTURE_BIN}:${process.env.PATH}` });
const project = join(server.home, 'site');
mkdirSync(join(project, 'layouts'), { recursive: true });
mkdirSync(join(project, 'docs'), { recursive: true });
writeFileSync(join(project, 'docs/style.md'), '# style\n');
const cpx = (...args: string[]) => runCpx(args, { env: server.env, cwd: project });
const test = suite('cpx up / down / save / layouts / demo');

function layout(name: string, text: string): string {
  const file = join(project, 'layouts', `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}
async function tasks(): Promise<any[]> {
  return JSON.parse((await cpx('ls', '--json')).stdout);
}
async function stateOf(name: string): Promise<any> {
  return (await tasks()).find((t) => t.name === name);
}
async function waitFor(name: string, state: RegExp, timeout = 20000): Promise<any> {
  return until(async () => {
    const t = await stateOf(name);
    return t && state.test(t.state) && t;
  }, { timeout, what: `${name} ${state}` });
}

test.after(() => {
  server.kill();
  rmSync(stubs, { recursive: true, force: true });
});

layout('chain', `name: chain
agent: demo
ground: Match components/ui.
ground_files: [docs/style.md]
tasks:
  - name: backend
    prompt: Build the API.
    agent_args: --work 1 --ask "npm test" --then 1
  - name: frontend
    prompt: Build the UI on the API.
    after: [backend]
    agent_args: --work 1
  - name: broken
    prompt: This one fails.
    agent_args: --work 1 --fail
  - name: needs broken
    prompt: Never starts.
    after: [broken]
`);

test('--dry-run shows the order and the grounding each task receives, and starts nothing', withDeadline(30000, async () => {
  const r = await cpx('up', 'chain', '--dry-run');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /layouts\/chain\.yaml/);
  assert.match(r.stdout, /Match components\/ui\./);
  assert.match(r.stdout, /Read these first: docs\/style\.md/);
  assert.ok(r.stdout.indexOf('backend') < r.stdout.indexOf('frontend'));
  assert.equal(await tasks(), []);
}));

test('--dry-run names the layout file once; with --json it prints the plan as one document', withDeadline(30000, async () => {
  const file = join(project, 'layouts/chain.yaml');
  const text = await cpx('up', 'chain', '--dry-run');
  assert.is(text.code, 0, text.stderr);
  assert.is(text.stdout.split(file).length, 2, text.stdout);
  assert.match(text.stdout, /^layout: .*\nplan for chain: 4 tasks, arrange windows\n1\. backend\n/);
  const r = await cpx('up', 'chain', '--dry-run', '--json', '--session', 'dry');
  assert.is(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout);
  assert.equal([plan.dryRun, plan.layout, plan.file, plan.session, plan.arrange], [true, 'chain', file, 'dry', 'windows']);
  assert.equal(plan.tasks.map((t: any) => t.name), ['backend', 'frontend', 'broken', 'needs broken']);
  assert.equal(plan.tasks[1], {
    name: 'frontend', agent: 'demo', agentArgs: ['--work', '1'], cmd: null, dir: project, after: ['backend'], ready: false,
    window: null, env: {}, prompt: 'Match components/ui.\nRead these first: docs/style.md\n\nBuild the UI on the API.',
  });
  assert.is(plan.tasks[0].ready, true);
  assert.equal(await tasks(), []);
}));

test('a program missing when a layout task starts: the fix is in the layout, not --agent/--cmd', withDeadline(10000, async () => {
  const { startTask } = await import('../lib/tasks/launch.js');
  const input = { name: 'x', prompt: '', dir: project, cmdArgv: ['cpx-no-such-program'] };
  const fromLayout = await startTask({ ...input, layout: 'site' }).then(() => undefined, (error: Error) => error.message);
  assert.is(fromLayout, "'cpx-no-such-program' is not on PATH: install it, or change the task's agent: or cmd: in the layout (see `cpx doctor`)");
  const fromNew = await startTask(input).then(() => undefined, (error: Error) => error.message);
  assert.match(fromNew!, /pick another agent with --agent\/--cmd/);
}));

test('up: a dependent is pending until its prerequisite finished; a failed prerequisite blocks', withDeadline(60000, async () => {
  const r = await cpx('up', 'chain');
  assert.is(r.code, 0, r.stderr);
  const all = await tasks();
  assert.equal(all.map((t) => t.name).sort(), ['backend', 'broken', 'frontend', 'needs broken']);
  assert.is(all.find((t) => t.name === 'frontend').state, 'pending');
  assert.match(all.find((t) => t.name === 'backend').prompt, /^Build the API\.$/);
  // backend asks for approval and stays there: frontend must not start meanwhile.
  await waitFor('backend', /^waiting$/);
  assert.is((await stateOf('frontend')).state, 'pending');
  // A pending pane says what it waits for and what it will run.
  const waiting = server.tmux('capture-pane', '-p', '-J', '-t', (await stateOf('frontend')).paneId);
  assert.match(waiting, /^cpx: 'frontend' starts when 'backend' is done\n.*\nthen: demo "Build the UI on the API/);
  await waitFor('needs broken', /^blocked$/);
  assert.is((await stateOf('needs broken')).detail, 'broken exited 1');
  const blockedPane = (await stateOf('needs broken')).paneId;
  await until(() => /✗ 'needs broken' will not start: broken exited 1\./.test(server.tmux('capture-pane', '-p', '-t', blockedPane)), { what: 'the blocked pane says why', pane: [server.socket, blockedPane] });
  assert.is((await cpx('approve', 'backend')).code, 0);
  await waitFor('backend', /^idle$/);
  await waitFor('frontend', /^(working|idle)$/);
  const screen = server.tmux('capture-pane', '-p', '-t', (await stateOf('frontend')).paneId);
  // The dependent got its grounding and its prompt.
  assert.match(screen, /Match components\/ui\.[\s\S]*Read these first: docs\/style\.md[\s\S]*Build the UI on the API/);
}));

test('up again starts only what is missing', withDeadline(30000, async () => {
  const before = (await tasks()).length;
  assert.is((await cpx('kill', 'frontend')).code, 0);
  const r = await cpx('up', 'chain');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /: 1 waits: frontend \(after backend\); already running: backend, broken, needs broken$/m, r.stdout);
  assert.is((await tasks()).length, before);
}));

test('save then up round-trips to the same tasks', withDeadline(60000, async () => {
  const r = await cpx('save', 'saved');
  assert.is(r.code, 0, r.stderr);
  assert.is((await cpx('save', 'saved')).code, 2, 'refuses to overwrite without --force');
  const pick = (list: any[]) => list.map((t) => ({ name: t.name, prompt: t.prompt, dir: t.dir, agent: t.agent, after: t.after })).sort((a, b) => a.name.localeCompare(b.name));
  const before = pick(await tasks());
  assert.is((await cpx('down', 'chain', '--yes')).code, 0);
  await until(async () => (await tasks()).length === 0, { what: 'all down' });
  assert.is((await cpx('up', 'saved')).code, 0);
  assert.equal(pick(await tasks()), before);
  assert.match(readFileSync(join(project, 'layouts/saved.yaml'), 'utf8'), /ground: Match components\/ui\./);
  assert.is((await cpx('down', 'saved', '--yes')).code, 0);
}));

test('validation errors: file:line:column, exit 2, nothing started', withDeadline(30000, async () => {
  const cases: Array<[string, string, RegExp]> = [
    ['typo', 'tasks:\n  - name: a\n    promt: x\n', /typo\.yaml:3:5: unknown key 'promt'.*did you mean 'prompt'/],
    ['dup', 'tasks:\n  - name: a\n    prompt: x\n  - name: a\n    prompt: y\n', /dup\.yaml:4:\d+: .*duplicate/i],
    ['unknown-after', 'tasks:\n  - name: a\n    prompt: x\n    after: [b]\n', /unknown-after\.yaml:4:\d+: .*'b'/],
    ['cycle', 'tasks:\n  - name: a\n    prompt: x\n    after: [b]\n  - name: b\n    prompt: y\n    after: [a]\n', /cycle\.yaml:\d+:\d+: .*a → b → a|b → a → b/],
    ['nodir', 'dir: ./missing\ntasks:\n  - name: a\n    prompt: x\n', /nodir\.yaml:1:\d+: .*missing/],
    ['syntax', 'tasks: [\n', /syntax\.yaml:\d+:\d+: /],
  ];
  for (const [name, text, message] of cases) {
    layout(name, text);
    const r = await cpx('up', name);
    assert.is(r.code, 2, `${name}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, name);
    assert.is(r.stderr.trim().split('\n').length, 1, `${name}: one line`);
  }
  assert.equal(await tasks(), []);
  const missing = await cpx('up', 'nope');
  assert.is(missing.code, 2);
}));

test('layouts lists names, files and task counts', withDeadline(30000, async () => {
  const r = await cpx('layouts', '--json');
  assert.is(r.code, 0);
  const chain = JSON.parse(r.stdout).find((l: any) => l.name === 'chain');
  assert.is(chain.tasks, 4);
  assert.match((await cpx('layouts')).stdout, /chain\s+4\s+/);
}));

test('the example layouts in layouts/ validate and start', withDeadline(60000, async () => {
  // A copy of the examples in a scratch project: their tasks run there, not in this repository.
  const copy = join(server.home, 'examples');
  cpSync(join(ROOT, 'layouts'), join(copy, 'layouts'), { recursive: true });
  const examples = readdirSync(join(copy, 'layouts')).filter((f) => f.endsWith('.yaml') && f !== 'demo.yaml');
  assert.ok(examples.length >= 3, examples.join(', '));
  for (const file of examples) {
    const path = join(copy, 'layouts', file);
    const session = `ex-${file.replace(/\.yaml$/, '')}`;
    const dry = await runCpx(['up', path, '--dry-run'], { env: server.env, cwd: copy });
    assert.is(dry.code, 0, `${file}: ${dry.stderr}`);
    const r = await runCpx(['up', path, '--session', session], { env: server.env, cwd: copy });
    assert.is(r.code, 0, `${file}: ${r.stderr}`);
    const started = (await tasks()).filter((t) => t.session === session);
    assert.ok(started.length >= 2, `${file}: ${started.length} tasks`);
    const down = await runCpx(['down', path, '--yes'], { env: server.env, cwd: copy });
    assert.is(down.code, 0, down.stderr);
  }
}));

test('cpx demo: simulated tasks, one asks (the bell rings), cpx approve, the dependent starts', withDeadline(60000, async () => {
  const r = await cpx('demo');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /cpx demo/);
  assert.match(r.stdout, /^up demo in session cpx-demo: started 2; 1 waits: dashboard \(after api\)$/m);
  // cpx is on PATH here: the hints say `cpx …`.
  assert.match(r.stdout, /^ {2}cpx approve api +answer it from here/m, r.stdout);
  const api = await waitFor('api', /^waiting$/);
  assert.match(api.detail, /^Bash: npm test/);
  await until(() => server.tmux('list-windows', '-t', '=cpx-demo', '-F', '#{window_bell_flag}').includes('1'), { what: 'bell flag in cpx-demo' });
  assert.is((await stateOf('dashboard')).state, 'pending');
  assert.is((await cpx('approve', 'api')).code, 0);
  await waitFor('dashboard', /^(working|waiting|idle)$/);
  assert.is((await cpx('down', 'demo', '--yes')).code, 0);
}));

test('right after a clone (cpx not on PATH, run as ./bin/cpx) the hints say ./bin/cpx', withDeadline(30000, async () => {
  const env = { ...server.env, PATH: process.env.PATH };
  const r = await execa('./bin/cpx', ['new', 'hint', '--cmd', 'sleep 600'], { cwd: ROOT, env, extendEnv: false, reject: false });
  assert.is(r.exitCode, 0, String(r.stderr));
  assert.match(String(r.stdout), /^attach with: \.\/bin\/cpx attach 'hint' {3}/m);
  const ls = await execa('./bin/cpx', ['kill', 'hint'], { cwd: ROOT, env, extendEnv: false, reject: false });
  assert.is(ls.exitCode, 0, String(ls.stderr));
}));

test.run();
