import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../lib/core/errors.js';
import type { LayoutTask } from '../lib/layout/schema.js';
import { loadLayout } from '../lib/layout/validate.js';
import { formatLayout, writeFileAtomic, type LayoutDraft } from '../lib/layout/write.js';
import { useTestProfiles } from './support/agent-profiles.js';
import { ROOT } from './support/server.js';

useTestProfiles('aider', 'codex');

const home = mkdtempSync(join(tmpdir(), 'cpx-layout-write-'));
const project = join(home, 'project');
const layoutsDir = join(project, 'layouts');
for (const dir of ['layouts', 'web', 'api', 'docs']) mkdirSync(join(project, dir), { recursive: true });
mkdirSync(join(home, 'outside'));
writeFileSync(join(project, 'docs/style.md'), '# style\n');
writeFileSync(join(project, 'web/globals.css'), ':root {}\n');
const test = suite('writing layouts (cpx save)');
test.after(() => rmSync(home, { recursive: true, force: true }));

let count = 0;
/** format → write → read → validate. */
function roundTrip(draft: LayoutDraft) {
  const file = join(layoutsDir, `saved-${++count}.yaml`);
  writeFileAtomic(file, formatLayout(draft, { fileDir: layoutsDir }));
  return loadLayout(file, { cwd: join(home, 'outside') });
}

function task(name: string, extra: Partial<LayoutTask> = {}): LayoutTask {
  return { name, prompt: `Do ${name}.`, dir: project, agent: 'claude', agentArgs: [], env: {}, after: [], groundText: '', groundFiles: [], ...extra };
}

const TRICKY_PROMPTS = [
  'Line one\nline two: with a colon\n# not a comment\n- not a list\n\n   indented after a blank line',
  '  starts with spaces and "quotes" and \'apostrophes\'',
  'yes', '123', 'null', '~', '---', 'a: b', '[not, a, list]', '{x}', '@at', '`tick`', '%percent', '*star', '&amp', '!bang', '|pipe', '>fold',
  'tabs\tinside\tthe text', 'trailing spaces on a line   \nnext line', 'ünïcode ✓ — “quotes”', 'very long '.repeat(40).trim(),
];

test('every task survives save → read: names, prompts (multi-line, odd characters), dirs, agents, args, after, env, window', () => {
  const tasks = TRICKY_PROMPTS.map((prompt, i) => task(`t${i}`, { prompt }));
  tasks.push(
    task('sign up', { dir: join(project, 'web'), after: ['t0', 't1'], window: 'pages', env: { PORT: '3001', EMPTY: '' } }),
    task('yes', { agent: 'aider', agentArgs: ['--model', 'gpt 4o', '--yes'] }),
    task('123', { agent: 'shell', prompt: 'npm test -- --watch', dir: join(home, 'outside') }),
    task('a: b #c', { agentArgs: ['--permission-mode', 'plan'], prompt: 'Review.' }),
  );
  const dev = task('dev', { cmd: ['npm', 'run', 'dev', '--', '--host', 'my host', "it's"], prompt: '' });
  delete dev.agent;
  tasks.push(dev);
  const loaded = roundTrip({ name: 'tricky', dir: project, arrange: 'main-vertical', session: 'acme', tasks });
  assert.equal([loaded.name, loaded.dir, loaded.arrange, loaded.session], ['tricky', project, 'main-vertical', 'acme']);
  assert.equal(loaded.tasks, tasks);
});

test('agent_args shared by the claude tasks are not inherited by another agent', () => {
  const plan = ['--permission-mode', 'plan'];
  const tasks = [task('a', { agentArgs: plan }), task('b', { agentArgs: plan }), task('c', { agent: 'aider', agentArgs: plan }), task('d', { agent: 'aider' })];
  assert.equal(roundTrip({ dir: project, tasks }).tasks, tasks);
});

test('a validated layout round-trips, shared settings included', () => {
  const source = join(layoutsDir, 'source.yaml');
  writeFileSync(source, `
name: acme-site
dir: ..
agent_args: --permission-mode plan
ground: |
  Match the design patterns in components/ui.
  Use the colour variables.
ground_files: [docs/style.md]
env: { API_URL: http://localhost:3000 }
tasks:
  - { name: backend, prompt: Build the API., dir: api }
  - name: frontend
    after: backend
    dir: web
    ground: Use the API client.
    ground_files: [globals.css]
    prompt: |
      Build the pages.

      Then the tests.
  - { name: dev, cmd: npm run dev, window: servers }
`);
  const layout = loadLayout(source, { cwd: join(home, 'outside') });
  const again = roundTrip(layout);
  assert.equal({ ...again, file: source }, layout);
});

test('shared values are written once at the top, paths relative to the layout dir', () => {
  const grounded = { groundText: 'Match the design.', groundFiles: [join(project, 'docs/style.md')], env: { API_URL: 'http://localhost:3000' }, agentArgs: ['--permission-mode', 'plan'] };
  const text = formatLayout({
    name: 'site', dir: project,
    tasks: [task('about', { ...grounded, dir: join(project, 'web') }), task('pricing', { ...grounded, after: ['about'], prompt: 'Line 1.\nLine 2.' })],
  }, { fileDir: layoutsDir });
  assert.is(text, `# cpx layout: start it with \`cpx up <this file>\`; see what each task is told with --dry-run

name: site
dir: ..
agent_args: [--permission-mode, plan]
env:
  API_URL: http://localhost:3000
ground: Match the design.
ground_files: [docs/style.md]
tasks:
  - name: about
    dir: ./web
    prompt: Do about.
  - name: pricing
    after: [about]
    prompt: |-
      Line 1.
      Line 2.
`);
});

test('the layout dir is written relative to the file when close, else with ~ or in full', () => {
  const dirLine = (dir: string, fileDir?: string) => formatLayout({ dir, tasks: [task('a', { dir })] }, { fileDir }).split('\n').find((l) => l.startsWith('dir:'));
  assert.is(dirLine(project, project), 'dir: .');
  assert.is(dirLine(join(project, 'web'), project), 'dir: ./web');
  assert.is(dirLine(project, layoutsDir), 'dir: ..');
  assert.is(dirLine(join(home, 'outside'), layoutsDir), `dir: ${join(home, 'outside')}`);
  assert.is(dirLine(join(home, 'outside')), `dir: ${join(home, 'outside')}`);
});

test('writeFileAtomic writes through a temp file, refuses to overwrite without force', () => {
  const target = join(home, 'new-folder/saved.yaml');
  writeFileAtomic(target, 'one\n');
  assert.is(readFileSync(target, 'utf8'), 'one\n');
  assert.throws(() => writeFileAtomic(target, 'two\n'), (e: Error) => e instanceof UsageError && e.message === `${target} already exists: add --force to overwrite it`);
  assert.is(readFileSync(target, 'utf8'), 'one\n');
  writeFileAtomic(target, 'three\n', { force: true });
  assert.is(readFileSync(target, 'utf8'), 'three\n');
  assert.equal(readdirSync(join(home, 'new-folder')), ['saved.yaml']);
});

test('every example in layouts/ round-trips', () => {
  for (const example of readdirSync(join(ROOT, 'layouts')).filter((f) => /\.ya?ml$/.test(f))) {
    const layout = loadLayout(join(ROOT, 'layouts', example), { cwd: ROOT });
    const file = join(ROOT, 'layouts', `.roundtrip-${process.pid}-${example}`);
    try {
      writeFileAtomic(file, formatLayout(layout, { fileDir: join(ROOT, 'layouts') }));
      assert.equal({ ...loadLayout(file, { cwd: ROOT }), file: layout.file }, layout, example);
    } finally {
      rmSync(file, { force: true });
    }
  }
});

test.run();
