import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { composePrompt, formatPlan, planLayout } from '../lib/layout/plan.js';
import type { Layout, LayoutTask } from '../lib/layout/schema.js';

const test = suite('layout plans: start order and grounded prompts');
const DIR = '/srv/acme';

function task(name: string, extra: Partial<LayoutTask> = {}): LayoutTask {
  return { name, prompt: `Do ${name}.`, dir: DIR, agent: 'claude', agentArgs: [], env: {}, after: [], groundText: '', groundFiles: [], ...extra };
}

function layout(tasks: LayoutTask[], extra: Partial<Layout> = {}): Layout {
  return { file: join(homedir(), 'acme/layouts/site.yaml'), name: 'site', dir: DIR, arrange: 'windows', tasks, ...extra };
}

const order = (tasks: LayoutTask[]) => planLayout(layout(tasks)).tasks.map((p) => p.task.name);

test('independent tasks keep file order and are all ready', () => {
  const plan = planLayout(layout([task('about'), task('pricing'), task('contact')]));
  assert.equal(plan.tasks.map((p) => [p.task.name, p.ready]), [['about', true], ['pricing', true], ['contact', true]]);
});

test('a dependency starts before the tasks that wait for it; otherwise file order holds', () => {
  assert.equal(order([task('frontend', { after: ['backend'] }), task('backend'), task('docs')]), ['backend', 'frontend', 'docs']);
  assert.equal(order([task('c', { after: ['b'] }), task('b', { after: ['a'] }), task('a'), task('d')]), ['a', 'b', 'c', 'd']);
  assert.equal(order([task('a'), task('review', { after: ['a', 'z'] }), task('x'), task('z')]), ['a', 'x', 'z', 'review']);
  const plan = planLayout(layout([task('frontend', { after: ['backend'] }), task('backend')]));
  assert.equal(plan.tasks.map((p) => p.ready), [true, false]);
});

test('grounding comes first: layout and task ground, the files to read, a blank line, the prompt', () => {
  const grounded = task('about', {
    dir: DIR,
    prompt: 'Create the about page.\nKeep it short.',
    groundText: 'Match components/ui.\nUse the colour variables.',
    groundFiles: [join(DIR, 'docs/style.md'), join(DIR, 'web/globals.css'), '/srv/shared/brand.md'],
  });
  assert.is(composePrompt(grounded), [
    'Match components/ui.',
    'Use the colour variables.',
    'Read these first: docs/style.md, web/globals.css, /srv/shared/brand.md',
    '',
    'Create the about page.',
    'Keep it short.',
  ].join('\n'));
  // Paths are relative to the task's own dir, when inside it.
  assert.is(composePrompt({ ...grounded, dir: join(DIR, 'web'), groundText: '' }), `Read these first: ${join(DIR, 'docs/style.md')}, globals.css, /srv/shared/brand.md\n\nCreate the about page.\nKeep it short.`);
  assert.is(composePrompt({ ...grounded, groundFiles: [] }), 'Match components/ui.\nUse the colour variables.\n\nCreate the about page.\nKeep it short.');
});

test('without grounding, or without a prompt, or for a shell task, the prompt is unchanged', () => {
  assert.is(composePrompt(task('a')), 'Do a.');
  assert.is(composePrompt(task('a', { prompt: '', groundText: 'ground' })), '');
  assert.is(composePrompt(task('a', { agent: 'shell', prompt: 'npm test', groundText: 'ground' })), 'npm test');
  const cmd = task('a', { cmd: ['aider', '--yes'], prompt: 'Fix it.', groundText: 'ground' });
  delete cmd.agent;
  assert.is(composePrompt(cmd), 'ground\n\nFix it.');
  assert.is(planLayout(layout([task('a', { groundText: 'G' })])).tasks[0]!.prompt, 'G\n\nDo a.');
});

test('formatPlan shows order, dir, agent or cmd, after, window, env and the full prompt', () => {
  const dev = task('dev', { cmd: ['npm', 'run', 'dev', '--', '--host', 'my host'], prompt: '', env: { PORT: '3000' } });
  delete dev.agent;
  const plan = planLayout(layout([
    task('frontend', { after: ['backend'], dir: join(homedir(), 'acme/web'), agentArgs: ['--permission-mode', 'plan'], window: 'ui', groundText: 'Match the design.', prompt: 'Build it.\n\nThen test it.' }),
    task('backend', { agent: 'aider' }),
    dev,
  ], { session: 'acme', arrange: 'tiled' }));
  assert.equal(formatPlan(plan), [
    'plan for site: 3 tasks, arrange tiled, session acme',
    '1. backend',
    '   dir    /srv/acme',
    '   agent  aider',
    '   prompt:',
    '     Do backend.',
    '2. frontend  (after backend)',
    '   dir    ~/acme/web',
    '   agent  claude --permission-mode plan',
    '   window ui',
    '   prompt:',
    '     Match the design.',
    '',
    '     Build it.',
    '',
    '     Then test it.',
    '3. dev',
    '   dir    /srv/acme',
    "   cmd    npm run dev -- --host 'my host'",
    '   env    PORT=3000',
  ]);
});

test.run();
