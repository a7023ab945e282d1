import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyScreen } from '../lib/detect/classify.js';
import { claude } from '../lib/detect/profiles/claude.js';
import { shell } from '../lib/detect/profiles/shell.js';
import { keysForChoice, pickChoice } from '../lib/tasks/answer.js';

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
  if (scenario === 'first-run-theme') return { state: 'waiting', kind: 'theme', detail: /^Choose a theme \(first run\)$/ };
  if (scenario === 'first-run-security-notes') return { state: 'waiting', kind: 'notes', detail: /^Press Enter: security notes \(first run\)$/ };
  if (scenario === 'first-run-api-key') return { state: 'waiting', kind: 'api-key', detail: /^Use API key from ANTHROPIC_API_KEY\?$/ };
  if (scenario === 'first-run-login-method') return { state: 'waiting', kind: 'login', detail: /^Choose a login method$/ };
  if (scenario === 'first-run-login-console') return { state: 'waiting', kind: 'login', detail: /^Choose how to sign in/ };
  if (scenario === 'first-run-login-paste-code') return { state: 'waiting', kind: 'login', detail: /^Sign in: open the URL shown, paste the code$/ };
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

/** The keys `cpx approve` (no choice given) would send to a fixture screen, and the choice it picks. */
function approveKeys(file: string): { keys: string[]; picked: string } {
  const result = classifyScreen(readFileSync(join(dir, file), 'utf8'), claude);
  const index = pickChoice(result, undefined, claude, 'approve');
  assert.ok(index !== undefined, `${file}: no choice to approve: ${JSON.stringify(result)}`);
  return { keys: keysForChoice(result, index, claude), picked: result.choices[index] };
}

test('first run: approve answers each dialog the way its screen asks', () => {
  // Theme: unnumbered list, cursor on the first (the current theme): Enter keeps it.
  for (const size of ['60x20', '80x24', '120x40']) {
    assert.equal(approveKeys(`first-run-theme.${size}.txt`), { keys: ['Enter'], picked: '1. Auto (match terminal)' });
    // Security notes: its "1." and "2." are notes, not choices; only Enter goes on.
    assert.equal(approveKeys(`first-run-security-notes.${size}.txt`), { keys: ['Enter'], picked: '1. continue' });
  }
  // API key: the cursor starts on "No (recommended)"; approve moves up to Yes.
  assert.equal(approveKeys('first-run-api-key.80x24.txt'), { keys: ['Up', 'Enter'], picked: '1. Yes' });
  // Login method: numbered; the digit picks and confirms.
  assert.equal(approveKeys('first-run-login-method.80x24.txt').keys, ['1']);
  // Pasting the sign-in code is typing, not a choice.
  const paste = classifyScreen(readFileSync(join(dir, 'first-run-login-paste-code.80x24.txt'), 'utf8'), claude);
  assert.equal(paste.choices, []);
});

test('a "Press Enter to continue" of Claude Code other than the security notes is waiting too', () => {
  // Drawn from the binary's strings (a login cannot finish offline): status line, then the Enter hint.
  const login = ['Welcome to Claude Code v2.1.332', '', ' Logged in as me@example.com', ' ✓ Login successful. Press Enter to continue…', '', ''].join('\n');
  let result = classifyScreen(login, claude);
  assert.equal([result.state, result.kind, result.detail, result.choices], ['waiting', 'continue', 'Press Enter: Login successful', ['1. continue']]);
  result = classifyScreen(['Something changed.', '', ' Press Enter to continue'].join('\n'), claude);
  assert.equal([result.state, result.detail], ['waiting', 'Press Enter to continue']);
});

test.run();
