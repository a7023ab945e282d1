// A user's agent profile (README, "Agent profiles"), used through the built CLI in every way a profile
// is used: detect, new, the watcher's states and detail, approve/deny with the profile's keys, a layout's agent:.
// The profile is the README's example, verbatim; test/fixtures/bin/myagent is the agent it describes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { ROOT, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';
import { readAgentEvents } from './support/agent-log.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'proj');
mkdirSync(project, { recursive: true });
const cpx = (...args: string[]) => runCpx(args, { env: server.env, cwd: project });
const test = suite('user agent profiles');
test.after(() => server.kill());

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Agent profiles'));
const EXAMPLE = /```yaml\n([\s\S]*?)```/.exec(section)![1];
const profiles = join(server.home, 'config/cpx/profiles');
mkdirSync(profiles, { recursive: true });
writeFileSync(join(profiles, 'myagent.yaml'), EXAMPLE);

const DIALOG = 'myagent\n> run ls -la\nAllow this command?\n$ ls -la\n  1. Yes\n  2. Yes, and don\'t ask again\n  3. No\n';

const agentEvents = (task: string) => readAgentEvents(server.home, task);

async function taskRow(name: string): Promise<any> {
  const r = await cpx('ls', '--json');
  return JSON.parse(r.stdout).find((t: any) => t.name === name);
}

async function waitFor(name: string, state: string): Promise<any> {
  return until(async () => { const t = await taskRow(name); return t?.state === state && t; }, { timeout: 10000, what: `${name} ${state}` });
}

test("the README's example loads: cpx detect reads a saved screen with it", withDeadline(10000, async () => {
  writeFileSync(join(server.home, 'screen.txt'), DIALOG);
  const r = await cpx('detect', '--agent', 'myagent', '--json', join(server.home, 'screen.txt'));
  assert.is(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal([out.state, out.kind, out.detail], ['waiting', 'permission', 'Bash: ls -la']);
  assert.equal(out.choices, ['1. Yes', "2. Yes, and don't ask again", '3. No']);
  writeFileSync(join(server.home, 'idle.txt'), 'myagent\n> run ls -la\nran ls -la\n> \n');
  const idle = await cpx('detect', '--agent', 'myagent', '--json', join(server.home, 'idle.txt'));
  assert.is(JSON.parse(idle.stdout).state, 'idle', idle.stdout);
}));

test("the README's example: a dialog answered by Enter offers one choice, whatever it numbers; a dialog's own option lines", withDeadline(10000, async () => {
  writeFileSync(join(server.home, 'notes.txt'), 'myagent\nNotes:\n 1. Check the output.\n 2. Keep backups.\nPress Enter to continue\n');
  let r = await cpx('detect', '--agent', 'myagent', '--json', join(server.home, 'notes.txt'));
  assert.is(r.code, 0, r.stderr);
  let out = JSON.parse(r.stdout);
  assert.equal([out.state, out.kind, out.choices, out.numbered], ['waiting', 'notes', ['1. continue'], false]);
  writeFileSync(join(server.home, 'theme.txt'), 'myagent\nChoose a theme\n  Dark\n❯ Light\n');
  r = await cpx('detect', '--agent', 'myagent', '--json', join(server.home, 'theme.txt'));
  out = JSON.parse(r.stdout);
  assert.equal([out.state, out.kind, out.choices, out.selected], ['waiting', 'theme', ['1. Dark', '2. Light'], 1]);
}));

test('new --agent starts the profile\'s command with the prompt; the watcher shows waiting with the detail; approve answers with a digit', withDeadline(20000, async () => {
  const r = await cpx('new', 'one', '--agent', 'myagent', 'run ls -la');
  assert.is(r.code, 0, r.stderr);
  const start = await until(() => agentEvents('one').find((e) => e.event === 'start'), { what: 'myagent start' });
  assert.equal(start.argv, ['--no-color', 'run ls -la']);
  const waiting = await waitFor('one', 'waiting');
  assert.is(waiting.detail, 'Bash: ls -la');
  assert.is(waiting.agent, 'myagent');
  const approve = await cpx('approve', 'one');
  assert.is(approve.code, 0, approve.stderr);
  assert.equal(agentEvents('one').filter((e) => e.event === 'answer').map((e) => e.key), ['1']);
  await waitFor('one', 'idle');
}));

test('approve --always picks the alwaysChoice; deny picks the denyChoice', withDeadline(30000, async () => {
  await cpx('new', 'two', '--agent', 'myagent', 'run make');
  await cpx('new', 'three', '--agent', 'myagent', 'run rm -rf build');
  await waitFor('two', 'waiting');
  const always = await cpx('approve', 'two', '--always');
  assert.is(always.code, 0, always.stderr);
  assert.equal(agentEvents('two').filter((e) => e.event === 'answer').map((e) => e.key), ['2']);
  await waitFor('three', 'waiting');
  const deny = await cpx('deny', 'three');
  assert.is(deny.code, 0, deny.stderr);
  assert.equal(agentEvents('three').filter((e) => e.event === 'answer').map((e) => e.key), ['3']);
  await waitFor('three', 'idle');
}));

test("a layout's agent: names the profile; --dry-run and up both accept it", withDeadline(20000, async () => {
  const file = join(project, 'mine.yaml');
  writeFileSync(file, 'name: mine\ntasks:\n  - name: four\n    agent: myagent\n    prompt: run git status\n');
  const dry = await cpx('up', file, '--dry-run');
  assert.is(dry.code, 0, dry.stderr);
  const up = await cpx('up', file);
  assert.is(up.code, 0, up.stderr);
  const start = await until(() => agentEvents('four').find((e) => e.event === 'start'), { what: 'myagent start from the layout' });
  assert.is(start.argv[0], '--no-color');
  assert.is(start.argv.at(-1).split('\n').at(-1), 'run git status');
  assert.is((await waitFor('four', 'waiting')).detail, 'Bash: git status');
}));

test('a profile with a YAML mistake: file:line:col, exit 2, nothing started', withDeadline(10000, async () => {
  writeFileSync(join(profiles, 'broken.yaml'), 'name: broken\nwaiting: [\n  - kind: x\n');
  const r = await cpx('new', 'five', '--agent', 'broken', 'hi');
  assert.is(r.code, 2);
  assert.match(r.stderr, /broken\.yaml:\d+:\d+: .+: fix the YAML\n$/);
  assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.is(await taskRow('five'), undefined);
  writeFileSync(join(profiles, 'badre.yaml'), "name: badre\nidle: ['(']\nworking: '(unclosed'\n");
  const re = await cpx('detect', '--agent', 'badre', join(server.home, 'screen.txt'));
  assert.is(re.code, 2);
  assert.match(re.stderr, /badre\.yaml: 'working' is not a valid regex/);
}));

test.run();
