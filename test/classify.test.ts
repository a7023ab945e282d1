import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyScreen } from '../lib/detect/classify.js';
import { claude } from '../lib/detect/profiles/claude.js';
import { shell } from '../lib/detect/profiles/shell.js';

// Real screens of Claude Code, captured by test/fixtures/capture-screens.ts. The scenario in the
// file name is what the capture script staged; the classifier must agree with it.
const dir = join(import.meta.dirname, 'fixtures/screens');
const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
const test = suite('classifyScreen on real Claude Code screens');

interface Expected {
  state: string;
  kind?: string;
  detail?: RegExp;
}

function expectedFor(scenario: string): Expected | undefined {
  if (scenario === 'permission-bash') return { state: 'waiting', kind: 'permission', detail: /^Bash: touch hello\.txt$/ };
  if (scenario === 'permission-edit') return { state: 'waiting', kind: 'permission', detail: /^Edit: notes\.txt$/ };
  if (scenario === 'permission-write') return { state: 'waiting', kind: 'permission', detail: /^Write: greeting\.py$/ };
  if (scenario === 'permission-webfetch') return { state: 'waiting', kind: 'permission', detail: /^WebFetch: .*example\.com/ };
  if (scenario.startsWith('permission')) return { state: 'waiting', kind: 'permission' };
  if (scenario === 'question') return { state: 'waiting', kind: 'question', detail: /^Question: / };
  if (scenario === 'plan-approval') return { state: 'waiting', kind: 'plan' };
  if (scenario === 'trust-dialog') return { state: 'waiting', kind: 'trust', detail: /^Trust folder: / };
  if (scenario === 'api-key-dialog') return { state: 'waiting', kind: 'api-key' };
  if (scenario.includes('idle')) return { state: 'idle' };
  if (scenario.includes('working')) return { state: 'working' };
  return undefined;
}

test('there are fixtures for every state', () => {
  const scenarios = new Set(files.map((f) => f.split('.')[0]));
  for (const s of ['idle-fresh', 'working', 'permission-bash', 'question', 'idle-quoting-prompt']) assert.ok(scenarios.has(s), s);
});

for (const file of files) {
  const scenario = file.split('.')[0];
  const expected = expectedFor(scenario);
  if (!expected) continue;
  test(`${file} → ${expected.state}${expected.kind ? ` (${expected.kind})` : ''}`, () => {
    const result = classifyScreen(readFileSync(join(dir, file), 'utf8'), claude);
    assert.is(result.state, expected.state, `${file}: ${JSON.stringify(result)}`);
    if (expected.kind) assert.is(result.kind, expected.kind, result.rule);
    if (expected.detail) assert.match(result.detail, expected.detail);
    if (result.state === 'waiting' && expected.kind === 'permission') {
      assert.match(result.choices[0] ?? '', /^1\. Yes/, JSON.stringify(result.choices));
    }
  });
}

test('a shell prompt is not a question; [y/N] at the bottom is', () => {
  assert.is(classifyScreen('user@host:~$ ls\nREADME\nuser@host:~$', shell).state, 'unknown');
  const q = classifyScreen('$ apt-get install x\nDo you want to continue? [Y/n] ', shell);
  assert.is(q.state, 'waiting');
  assert.is(q.detail, 'Do you want to continue? [Y/n]');
  assert.is(classifyScreen('Do you want to continue? [Y/n] y\n$ ', shell).state, 'unknown');
});

test('an old answered prompt above a working screen is not a prompt', () => {
  const screen = [
    ' Do you want to proceed?', ' ❯ 1. Yes', '   2. No', '', '● Bash(touch hello.txt)', '  ⎿  (No content)', '',
    '✽ Thinking…', '─'.repeat(60), '❯ ', '─'.repeat(60), '  ⏸ manual mode on · esc to interrupt',
  ].join('\n');
  assert.is(classifyScreen(screen, claude).state, 'working');
});

test('a persistent footer like "⏵⏵ bypass permissions on" is no signal', () => {
  const idle = ['● Done.', '─'.repeat(60), '❯ ', '─'.repeat(60), '  ⏵⏵ bypass permissions on (shift+tab to cycle)'].join('\n');
  assert.is(classifyScreen(idle, claude).state, 'idle');
  const working = ['✶ Working…', '─'.repeat(60), '❯ ', '─'.repeat(60), '  ⏵⏵ bypass permissions on · esc to interrupt'].join('\n');
  assert.is(classifyScreen(working, claude).state, 'working');
});

test('with --name, the top rule carries the task name and still counts as the input box', () => {
  const fixture = readFileSync(join(dir, 'idle-fresh.80x24.txt'), 'utf8').split('\n');
  const rule = fixture.findIndex((l) => /^─{10,}$/.test(l));
  fixture[rule] = `${'─'.repeat(70)} build ─`;
  assert.is(classifyScreen(fixture.join('\n'), claude).state, 'idle');
});

test.run();
