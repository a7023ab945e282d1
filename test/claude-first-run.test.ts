// The real Claude Code on a machine where it never ran (an empty HOME): every first-run dialog is a
// waiting task that says what it wants, and `cpx approve` walks through them to the idle prompt.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { claudeEnv, FAKE_API_KEY } from './support/claude-home.js';
import { runCpx } from './support/cli.js';
import { scratchDir } from './support/scratch.js';
import { startFakeAnthropic, type FakeAnthropic } from './support/fake-anthropic.js';
import { ROOT, startServer, type TestServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const test = suite('the first run of Claude Code, watched');
let server: TestServer;
let fake: FakeAnthropic;
let project: string;
let home: string;

const cpx = (...args: string[]) => runCpx(args, { env: server.env, cwd: project });

async function task(name: string): Promise<any> {
  return JSON.parse((await cpx('ls', '--json')).stdout).find((t: any) => t.name === name);
}

/** The task once it waits with this detail (the last dialog may still show for a moment). */
async function waitingFor(name: string, detail: string | RegExp, paneId: string): Promise<any> {
  return until(async () => {
    const now = await task(name);
    const matches = typeof detail === 'string' ? now?.detail === detail : detail.test(now?.detail ?? '');
    return now?.state === 'waiting' && matches && now;
  }, { timeout: 30000, what: `${name} waiting for "${detail}"`, pane: [server.socket, paneId] });
}

async function approve(name: string, expected: RegExp): Promise<void> {
  const r = await cpx('approve', name);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, expected);
}

test.before(async () => {
  fake = await startFakeAnthropic([{ text: 'Hello from the first run.' }]);
  project = join(realpathSync(scratchDir('first-run-project')), 'proj');
  mkdirSync(project);
  home = scratchDir('first-run-home'); // empty: no ~/.claude.json, no ~/.claude/
  // ANTHROPIC_AUTH_TOKEN beside the key keeps Claude from its connectivity check, which calls
  // api.anthropic.com itself (not ANTHROPIC_BASE_URL) and exits when offline; the dialogs are the same.
  const env = { ...claudeEnv(home, FAKE_API_KEY, fake.url), ANTHROPIC_AUTH_TOKEN: 'fake-auth-token' };
  server = startServer(import.meta.filename, { ...env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` });
});

test.after(async () => {
  server?.kill();
  await fake?.close();
});

test('theme, API key, security notes, trust: each waiting with what it wants; approve walks on to the answer', withDeadline(60000, async () => {
  assert.equal(readdirSync(home), []);
  const r = await cpx('new', 'fresh', 'say hello');
  assert.is(r.code, 0, r.stderr);
  const { paneId } = await until(() => task('fresh'), { what: 'task fresh' });

  const theme = await waitingFor('fresh', 'Choose a theme (first run)', paneId);
  assert.is(theme.choices[0], '1. Auto (match terminal)');
  const listed = await cpx('ls', '--waiting');
  assert.match(listed.stdout, /fresh[\s\S]*Choose a theme \(first run\)/);
  await approve('fresh', /approved fresh: Choose a theme \(first run\) → 1\. Auto \(match terminal\)/);

  const key = await waitingFor('fresh', 'Use API key from ANTHROPIC_API_KEY?', paneId);
  assert.equal(key.choices, ['1. Yes', '2. No (recommended)']);
  await approve('fresh', /→ 1\. Yes$/m);

  await waitingFor('fresh', 'Press Enter: security notes (first run)', paneId);
  await approve('fresh', /→ 1\. continue$/m);

  const trust = await waitingFor('fresh', /^Trust folder: /, paneId);
  assert.is(trust.choices[1], '2. Yes, I trust this folder');
  await approve('fresh', /→ 2\. Yes, I trust this folder$/m);

  // Onboarding done: the prompt given to `cpx new` is sent, answered, and the task is idle.
  await until(async () => (await task('fresh'))?.state === 'idle' && fake.agentRequests().length > 0, { timeout: 30000, what: 'idle after the turn', pane: [server.socket, paneId] });
  await until(() => /Hello from the first run\./.test(server.tmux('capture-pane', '-p', '-t', paneId)), { timeout: 10000, what: 'the answer on screen', pane: [server.socket, paneId] });
  const config = JSON.parse(readFileSync(join(home, '.claude.json'), 'utf8'));
  assert.is(config.hasCompletedOnboarding, true);
}));

test.run();
