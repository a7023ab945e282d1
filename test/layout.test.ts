import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LayoutError } from '../lib/core/errors.js';
import { parseLayout } from '../lib/layout/read.js';
import { loadLayout, validateLayout } from '../lib/layout/validate.js';
import { useTestProfiles } from './support/agent-profiles.js';
import { ROOT } from './support/server.js';

useTestProfiles('aider', 'codex');

// A project: the layout file sits in <home>/layouts/, tasks run in <home>/project.
const home = mkdtempSync(join(tmpdir(), 'cpx-layout-test-'));
const project = join(home, 'project');
for (const dir of ['layouts', 'project/docs', 'project/web', 'project/api']) mkdirSync(join(home, dir), { recursive: true });
writeFileSync(join(project, 'docs/style.md'), '# style\n');
writeFileSync(join(project, 'web/globals.css'), ':root {}\n');
const test = suite('layout files: read and validate');
test.after(() => rmSync(home, { recursive: true, force: true }));

let count = 0;
function file(text: string, name = `layout-${++count}.yaml`): string {
  const path = join(home, 'layouts', name);
  writeFileSync(path, text);
  return path;
}

/** The LayoutError message for this text, with the file's path replaced by FILE. */
function failure(text: string): string {
  const path = file(text);
  try {
    loadLayout(path, { cwd: project });
  } catch (error) {
    assert.instance(error, LayoutError);
    assert.is((error as LayoutError).exitCode, 2);
    return (error as Error).message.replaceAll(path, 'FILE');
  }
  throw new Error(`no error for:\n${text}`);
}

const ok = (text: string) => loadLayout(file(text), { cwd: project });

test('the smallest layout gets every default', () => {
  const path = file('tasks:\n  - name: about\n    prompt: Create the about page.\n', 'small-site.yaml');
  assert.equal(loadLayout(path, { cwd: project }), {
    file: path, name: 'small-site', dir: project, arrange: 'windows',
    tasks: [{ name: 'about', prompt: 'Create the about page.', dir: project, agent: 'claude', agentArgs: [], env: {}, after: [], groundText: '', groundFiles: [] }],
  });
});

test('every key is read, task settings override or add to the layout ones', () => {
  const layout = ok(`
name: acme-site
dir: ../project
agent: claude
agent_args: --permission-mode plan --model "opus 4"
arrange: main-vertical
session: acme
ground: |
  Match the design patterns in components/ui.
ground_files: [docs/style.md]
env: { API_URL: http://localhost:3000, PORT: 3000, DEBUG: true }
tasks:
  - name: about page
    prompt: |
      Create the about page.
      Keep it short.
    after: backend
    dir: ./web
    env: { PORT: 3001 }
    ground: Use the colour variables.
    ground_files: globals.css
    window: pages
  - name: backend
    prompt: Build the API.
    agent_args: [--permission-mode, acceptEdits]
  - name: notes
    agent: shell
  - name: dev
    cmd: npm run dev -- --port 3002
`);
  assert.equal([layout.name, layout.dir, layout.arrange, layout.session], ['acme-site', project, 'main-vertical', 'acme']);
  const [about, backend, notes, dev] = layout.tasks;
  assert.equal(about, {
    name: 'about page', prompt: 'Create the about page.\nKeep it short.', dir: join(project, 'web'), agent: 'claude',
    agentArgs: ['--permission-mode', 'plan', '--model', 'opus 4'], env: { API_URL: 'http://localhost:3000', PORT: '3001', DEBUG: 'true' },
    after: ['backend'], window: 'pages', groundText: 'Match the design patterns in components/ui.\nUse the colour variables.',
    groundFiles: [join(project, 'docs/style.md'), join(project, 'web/globals.css')],
  });
  assert.equal(backend!.agentArgs, ['--permission-mode', 'acceptEdits']);
  assert.equal([notes!.agent, notes!.agentArgs, notes!.prompt], ['shell', [], '']);
  assert.equal([dev!.agent, dev!.cmd, dev!.agentArgs], [undefined, ['npm', 'run', 'dev', '--', '--port', '3002'], []]);
  assert.not.ok('agent' in dev!);
});

test('the layout agent_args go with the layout agent only', () => {
  const layout = ok('agent: aider\nagent_args: [--yes]\ntasks:\n  - {name: a, prompt: x}\n  - {name: b, prompt: x, agent: claude}\n  - {name: c, prompt: x, agent: aider}\n');
  assert.equal(layout.tasks.map((t) => [t.agent, t.agentArgs]), [['aider', ['--yes']], ['claude', []], ['aider', ['--yes']]]);
});

test('dir: ~ is the home directory, a relative dir is relative to the layout file, not to cwd', () => {
  // A plain ~ is null in YAML; for a directory it means home.
  assert.is(ok('dir: ~\ntasks: [{name: a, prompt: x}]\n').dir, homedir());
  assert.is(ok('dir: null\ntasks: [{name: a, prompt: x}]\n').dir, project);
  assert.is(ok('dir: .\ntasks: [{name: a, prompt: x}]\n').dir, join(home, 'layouts'));
  const layout = ok(`dir: ${project}\ntasks: [{name: a, prompt: x, dir: api}, {name: b, prompt: x, dir: ${home}}]\n`);
  assert.equal(layout.tasks.map((t) => t.dir), [join(project, 'api'), home]);
});

test('names and values that YAML reads as numbers or booleans stay as written', () => {
  const layout = ok('tasks:\n  - name: 2024\n    prompt: 1.50\n    env: {V: 1.10, ON: true}\n');
  assert.equal([layout.tasks[0]!.name, layout.tasks[0]!.prompt, layout.tasks[0]!.env], ['2024', '1.50', { V: '1.10', ON: 'true' }]);
});

test('anchors and aliases can share settings; empty values count as absent', () => {
  const layout = ok('env: &env {A: "1"}\nname:\ntasks:\n  - {name: a, prompt: x, env: *env, dir: }\n', );
  assert.equal([layout.tasks[0]!.env, layout.tasks[0]!.dir], [{ A: '1' }, project]);
});

test('a YAML syntax error has a position', () => {
  assert.is(failure('tasks:\n\t- name: a\n'), 'FILE:2:1: YAML syntax error: Tabs are not allowed as indentation: fix the YAML at that position');
  assert.match(failure('tasks:\n  - name: a\n    name: b\n'), /^FILE:3:5: YAML syntax error: Map keys must be unique/);
  const path = join(home, 'layouts/parsed.yaml');
  assert.throws(() => parseLayout(path, 'tasks: [a\n'), (e: Error) => e instanceof LayoutError && e.message.startsWith(`${path}:`));
});

test('a missing or unreadable file is a LayoutError', () => {
  assert.throws(() => loadLayout(join(home, 'none.yaml'), { cwd: project }), (e: Error) => e instanceof LayoutError && /none\.yaml: cannot read the layout file \(ENOENT\): check the path/.test(e.message));
  assert.throws(() => loadLayout(join(home, 'layouts'), { cwd: project }), (e: Error) => e.message === `${join(home, 'layouts')}: cannot read the layout file (EISDIR): give the layout file, not its folder`);
});

test('an unknown key points at itself and suggests the right one', () => {
  assert.is(failure('# acme\ntaks:\n  - name: a\n'), "FILE:2:1: unknown key 'taks': did you mean 'tasks'?");
  assert.is(failure('tasks:\n  - name: about\n    promt: Create it.\n'), "FILE:3:5: unknown key 'promt' in task 'about': did you mean 'prompt'?");
  assert.is(failure('tasks:\n  - {name: b, prompt: x}\n  - name: about\n    prompt: x\n    afer: [b]\n'), "FILE:5:5: unknown key 'afer' in task 'about': did you mean 'after'?");
  assert.is(failure('tasks:\n  - {prompt: x, colour: red}\n'), "FILE:2:17: unknown key 'colour' in task 1: valid keys are name, prompt, after, dir, agent, agent_args, cmd, env, ground, ground_files, window");
});

test('a value of the wrong kind points at the value and shows an example', () => {
  assert.is(failure('tasks: about\n'), "FILE:1:8: 'tasks' must be a list of tasks, not \"about\": write e.g. tasks: [{ name: about, prompt: Create the about page. }]");
  assert.is(failure('tasks:\n  - name: a\n    prompt: [x]\n'), "FILE:3:13: 'prompt' in task 'a' must be text, not a list: write e.g. prompt: Create the about page.");
  assert.is(failure('tasks:\n  - name: a\n    prompt: x\n    after: {b: 1}\n'), "FILE:4:12: 'after' in task 'a' must be a task name or a list of task names, not a mapping: write e.g. after: [backend]");
  assert.is(failure('env: [A=1]\ntasks: [{name: a, prompt: x}]\n'), "FILE:1:6: 'env' must be a mapping of variable names to values, not a list: write e.g. env: { API_URL: http://localhost:3000 }");
  assert.is(failure('env: {API_URL: {a: 1}}\ntasks: [{name: a, prompt: x}]\n'), "FILE:1:16: 'env' value of API_URL must be a string, not a mapping: write API_URL: '' for an empty value");
  assert.is(failure('env: {API-URL: x}\ntasks: [{name: a, prompt: x}]\n'), `FILE:1:7: 'env' has a bad variable name "API-URL": use letters, digits and _ (not starting with a digit)`);
  assert.is(failure('agent_args: [--model, [x]]\ntasks: [{name: a, prompt: x}]\n'), "FILE:1:23: 'agent_args' list items must be strings, not a list: quote it, e.g. - '--flag'");
  assert.is(failure("tasks:\n  - name: a\n    cmd: aider --model 'gpt\n"), "FILE:3:10: 'cmd' in task 'a' has an unterminated ' quote: close the quote, or write a list of arguments");
  assert.is(failure('ground_files: [docs/style.md, 3]\ntasks: [{name: a, prompt: x}]\n'), "FILE:1:31: 'ground_files' list items must be file paths, not 3: write one per line as - item");
  assert.is(failure('dir: [a]\ntasks: [{name: a, prompt: x}]\n'), "FILE:1:6: 'dir' must be a path, not a list: write e.g. dir: ~/acme-co");
});

test('names, agents and sessions are checked', () => {
  assert.is(failure('tasks:\n  - name: "a\\tb"\n    prompt: x\n'), `FILE:2:11: 'name' in task 1 has a control character (tab, newline…) (U+0009) in "a\\tb": use visible text`);
  assert.is(failure('tasks:\n  - name: "a\\u200b"\n    prompt: x\n'), `FILE:2:11: 'name' in task 1 has an invisible or direction-changing character (U+200B) in "a\\u200b": use visible text`);
  assert.is(failure('tasks:\n  - name: x\n    prompt: x\n    env: { A: "a\\0b" }\n'), `FILE:4:10: 'env' in task 'x' has a NUL byte: remove it`);
  assert.is(failure(`tasks:\n  - name: ${'x'.repeat(101)}\n    prompt: x\n`), `FILE:2:11: 'name' in task 1 is longer than 100 characters: use a shorter label`);
  assert.is(failure('tasks:\n  - name: " "\n    prompt: x\n'), `FILE:2:11: 'name' in task 1 is empty: give a name such as \`auth\` or "sign up"`);
  assert.is(failure('agent: Claude Code\ntasks: [{name: a, prompt: x}]\n'), "FILE:1:8: 'agent' has an invalid agent name 'Claude Code': use claude, shell or a profile name (a-z, 0-9, _ and -)");
  assert.is(failure('session: acme.site\ntasks: [{name: a, prompt: x}]\n'), "FILE:1:10: 'session' value 'acme.site' contains ':', '.' or a control character: use letters, digits, '-' and '_'");
});

test('a bad arrange value lists the valid ones', () => {
  const valid = 'valid values are windows, tiled, main-vertical, main-horizontal, even-horizontal, even-vertical';
  assert.is(failure('arrange: tile\ntasks: [{name: a, prompt: x}]\n'), `FILE:1:10: 'arrange' has unknown value 'tile': did you mean 'tiled'? ${valid}`);
  assert.is(failure('arrange: grid\ntasks: [{name: a, prompt: x}]\n'), `FILE:1:10: 'arrange' has unknown value 'grid': ${valid}`);
});

test('the layout must be a mapping with a non-empty tasks list of mappings', () => {
  assert.is(failure('# nothing yet\n'), "FILE:1:1: the layout is empty: write top-level keys such as 'tasks:' with a list of tasks below it");
  assert.is(failure('- name: a\n'), "FILE:1:1: the layout must be a mapping, not a list: write top-level keys such as 'tasks:' with a list of tasks below it");
  assert.is(failure('name: site\n'), "FILE:1:1: the layout has no tasks: add 'tasks:' with a list below it, e.g. '  - name: about' and '    prompt: Create the about page.'");
  assert.match(failure('name: site\ntasks:\n'), /^FILE:2:1: the layout has no tasks: /);
  assert.is(failure('tasks: []\n'), "FILE:1:8: 'tasks' is empty: add at least one task, e.g. - { name: about, prompt: Create the about page. }");
  assert.is(failure('tasks:\n  - about\n'), 'FILE:2:5: task 1 must be a mapping, not "about": write - name: <label> and prompt: <what to do> below it');
});

test('a task needs a unique name; a prompt is optional (the agent then starts idle, as with cpx new)', () => {
  assert.is(failure('tasks:\n  - name: a\n    prompt: x\n  - prompt: Build it.\n'), 'FILE:4:5: task 2 has no name: add name: <label>, unique in this file');
  assert.is(failure('tasks:\n  - name: about\n    prompt: x\n  - name: pricing\n    prompt: x\n  - name: about\n    prompt: y\n'),
    "FILE:6:11: duplicate task name 'about' (first on line 2): give each task a unique name");
  assert.is(ok('tasks:\n  - name: about\n    prompt: "  "\n').tasks[0].prompt, '');
  assert.is(failure('tasks:\n  - name: about\n    agent: claude\n    cmd: npm run dev\n'), "FILE:4:5: task 'about' has both 'cmd' and 'agent': use one: cmd runs any program, agent starts an agent");
  assert.is(failure('tasks:\n  - name: dev\n    cmd: []\n'), "FILE:3:10: 'cmd' in task 'dev' is empty: give a program, e.g. cmd: npm run dev");
  assert.is(failure('tasks:\n  - name: dev\n    cmd: npm run dev\n    agent_args: --yes\n'), "FILE:4:5: 'agent_args' in task 'dev' does nothing with cmd: put the arguments into cmd");
  assert.is(failure('tasks:\n  - name: sh\n    agent: shell\n    agent_args: --login\n'), "FILE:4:5: 'agent_args' in task 'sh' does nothing with agent shell: remove it: shell takes no agent arguments");
  assert.is(failure('agent: shell\nagent_args: --login\ntasks: [{name: a}]\n'), "FILE:2:1: 'agent_args' does nothing with agent shell: remove it, or set it on the tasks that run an agent");
});

test('after: unknown names (with did-you-mean), itself, and cycles printed in full', () => {
  const two = 'tasks:\n  - name: backend\n    prompt: x\n  - name: frontend\n    prompt: x\n    after: [backnd]\n';
  assert.is(failure(two), "FILE:6:13: 'after' in task 'frontend' names unknown task 'backnd': did you mean 'backend'?");
  assert.is(failure(two.replace('[backnd]', 'database')), "FILE:6:12: 'after' in task 'frontend' names unknown task 'database': tasks in this file are backend");
  assert.is(failure('tasks:\n  - {name: solo, prompt: x, after: db}\n'), "FILE:2:36: 'after' in task 'solo' names unknown task 'db': it is the only task in this file");
  assert.is(failure('tasks:\n  - {name: a, prompt: x}\n  - {name: b, prompt: x, after: [a, b]}\n'), "FILE:3:37: task 'b' depends on itself: remove 'b' from its 'after'");
  const cycle = 'tasks:\n  - {name: docs, prompt: x}\n  - {name: api, prompt: x, after: [backend]}\n  - {name: backend, prompt: x, after: [docs, api]}\n';
  assert.is(failure(cycle), "FILE:3:36: dependency cycle: api → backend → api: remove one of these 'after' entries");
  const three = 'tasks:\n  - {name: c, prompt: x, after: [a]}\n  - {name: a, prompt: x, after: b}\n  - {name: b, prompt: x, after: [c]}\n';
  assert.is(failure(three), "FILE:2:34: dependency cycle: c → a → b → c: remove one of these 'after' entries");
  // Entered from outside the loop, the cycle is still printed from its earliest task.
  const entered = 'tasks:\n  - {name: x, prompt: x, after: b}\n  - {name: a, prompt: x, after: b}\n  - {name: b, prompt: x, after: a}\n';
  assert.is(failure(entered), "FILE:3:33: dependency cycle: a → b → a: remove one of these 'after' entries");
});

test('directories and ground files must exist (after resolving)', () => {
  assert.is(failure('dir: ../nope\ntasks: [{name: a, prompt: x}]\n'), `FILE:1:6: directory '../nope' does not exist (${join(home, 'nope')}): create it, or fix 'dir'`);
  assert.is(failure('tasks:\n  - {name: a, prompt: x, dir: ./webb}\n'), `FILE:2:31: directory './webb' does not exist (${join(project, 'webb')}): create it, or fix 'dir'`);
  assert.is(failure('tasks:\n  - {name: a, prompt: x, dir: docs/style.md}\n'), `FILE:2:31: 'docs/style.md' is not a directory (${join(project, 'docs/style.md')}): create it, or fix 'dir'`);
  assert.is(failure('ground_files:\n  - docs/style.md\n  - docs/api.md\ntasks: [{name: a, prompt: x}]\n'),
    `FILE:3:5: ground file 'docs/api.md' does not exist (${join(project, 'docs/api.md')}): create it, or remove it from 'ground_files'`);
  // A task's ground files are relative to the task's dir.
  assert.is(failure('tasks:\n  - {name: a, prompt: x, dir: web, ground_files: [docs/style.md]}\n'),
    `FILE:2:51: ground file 'docs/style.md' does not exist (${join(project, 'web/docs/style.md')}): create it, or remove it from 'ground_files'`);
});

test('nothing is returned until the whole file is valid: an error in the last task fails it', () => {
  const tasks = Array.from({ length: 5 }, (_, i) => `  - {name: t${i}, prompt: x}`).join('\n');
  assert.is(failure(`tasks:\n${tasks}\n  - {name: last, prompt: x, dir: gone}\n`), `FILE:7:34: directory 'gone' does not exist (${join(project, 'gone')}): create it, or fix 'dir'`);
});

test('validateLayout resolves a relative file name against cwd', () => {
  const source = parseLayout('site.yaml', 'dir: .\ntasks: [{name: a, prompt: x}]\n');
  assert.equal([validateLayout(source, { cwd: project }).file, validateLayout(source, { cwd: project }).dir], [join(project, 'site.yaml'), project]);
});

test('every example in layouts/ validates', () => {
  const examples = readdirSync(join(ROOT, 'layouts')).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(examples.length >= 3, `examples: ${examples.join(', ')}`);
  for (const example of examples) {
    const layout = loadLayout(join(ROOT, 'layouts', example), { cwd: ROOT });
    assert.ok(layout.tasks.length > 0, example);
  }
});

test.run();
