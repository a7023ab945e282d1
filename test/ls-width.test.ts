// cpx ls (and cpx layouts) drawn by a real terminal: a tmux pane 80 or 120 columns wide, colour on.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { CPX, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'clients/acme-corporation/a-rather-long-project-folder/web');
mkdirSync(join(project, 'layouts'), { recursive: true });
const cpx = (args: string[]) => runCpx(args, { env: server.env, cwd: project });
const test = suite('cpx ls fitted to the terminal');

const LONG_NAME = 'refactor-the-authentication-middleware-and-session-store';
const LONG_PROMPT = 'Move the session store to Redis, keep the cookie format, and make every login test pass again';
const TASKS: Array<[string, string]> = [[LONG_NAME, LONG_PROMPT], ['api', 'Build the API'], ['docs', 'Write the docs\nfor the API']];

test.after(() => server.kill());

/**
 * Run `cpx <args>` in a pane `columns` wide, colour on as on a user's terminal, and give the screen
 * once it finished: as drawn, with escapes (-e), and with wrapped lines joined (-J).
 */
async function drawn(args: string[], columns: number): Promise<{ screen: string[]; styled: string; joined: string[] }> {
  const script = join(server.home, `run-${columns}.sh`);
  // The pane stays open after cpx (a dead pane gets tmux's own last line); a pane option says it finished.
  writeFileSync(script, [
    'tmux_env=$TMUX pane=$TMUX_PANE',
    'unset TMUX TMUX_PANE NO_COLOR COLUMNS',
    'export FORCE_COLOR=1 TERM=xterm-256color',
    `cd '${project}' && '${CPX}' ${args.join(' ')}`,
    'TMUX=$tmux_env tmux set-option -p -t "$pane" @finished 1',
    'exec sleep 600',
  ].join('\n'));
  const session = `w${columns}`;
  server.tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', '30', 'sh', script);
  try {
    await until(() => server.tmux('display-message', '-p', '-t', `=${session}:`, '#{@finished}').trim() === '1', { what: `cpx ${args.join(' ')} finished`, pane: [server.socket, `=${session}:`] });
    const capture = (...flags: string[]) => server.tmux('capture-pane', '-p', ...flags, '-t', `=${session}:`);
    const lines = (text: string) => text.split('\n').map((l) => l.trimEnd()).filter(Boolean);
    return { screen: lines(capture()), styled: capture('-e'), joined: lines(capture('-J')) };
  } finally {
    server.tmux('kill-session', '-t', `=${session}`);
  }
}

/** Nothing wrapped or too wide, colour on and every escape understood by the terminal. */
function assertFits(screen: string[], styled: string, joined: string[], columns: number): void {
  const shown = screen.join('\n');
  assert.equal(joined, screen, `a line wrapped at ${columns} columns:\n${joined.join('\n')}`);
  for (const line of joined) assert.ok(line.length <= columns, `${line.length} > ${columns}: ${line}`);
  assert.ok(styled.includes('\x1b['), `colour was on:\n${styled}`);
  assert.not.match(shown, /\[[0-9;]*m/, `escape text on the screen:\n${shown}`);
}

/** Where each column starts in the header; every row has a cell starting there, after a gap. */
function assertAligned(screen: string[], headers: string[]): Record<string, number> {
  const at = Object.fromEntries(headers.map((h) => [h, screen[0].indexOf(h)]));
  for (const header of headers) {
    assert.ok(at[header] >= 0, `${header} in ${screen[0]}`);
    for (const row of screen.slice(1)) {
      const start = at[header];
      assert.ok(row[start] !== ' ' && (start === 0 || row.slice(start - 2, start) === '  '), `${header} at column ${start} in:\n${screen.join('\n')}`);
    }
  }
  return at;
}

test('three tasks (the fixture claude), one with a long name, folder and prompt', withDeadline(20000, async () => {
  for (const [name, prompt] of TASKS) {
    const r = await cpx(['new', name, prompt]);
    assert.is(r.code, 0, r.stderr);
  }
}));

test('80 columns: nothing wraps, PROMPT, DIR (its end) and NAME are cut with …, AGENT left out, columns aligned', withDeadline(20000, async () => {
  const { screen, styled, joined } = await drawn(['ls'], 80);
  assertFits(screen, styled, joined, 80);
  assert.is(screen.length, 4, screen.join('\n'));
  // AGENT is left out first, then WHERE if still needed.
  assert.match(screen[0], /^NAME +STATE +FOR +(WHERE +)?DIR +PROMPT$/, screen.join('\n'));
  const at = assertAligned(screen, ['STATE', 'FOR', 'DIR', 'PROMPT', ...(screen[0].includes('WHERE') ? ['WHERE'] : [])]);
  const long = screen.find((l) => l.startsWith('refactor-'))!;
  assert.match(long.slice(0, at.STATE).trimEnd(), /^refactor-[a-z-]*…$/);
  assert.match(long.slice(at.DIR, at.PROMPT).trimEnd(), /^…[a-z-]+\/web$/);
  assert.match(long.slice(at.PROMPT), /^Move the session[^…]*…$/);
  assert.match(screen.find((l) => l.startsWith('docs '))!, /  Write the docs⏎for /);
  assert.match(styled, /\x1b\[1mNAME/);
}));

test('120 columns: every column shows, the long prompt is cut, the rest fits whole', withDeadline(20000, async () => {
  const { screen, styled, joined } = await drawn(['ls'], 120);
  assertFits(screen, styled, joined, 120);
  assert.match(screen[0], /^NAME +STATE +FOR +WHERE +AGENT +DIR +PROMPT$/, screen.join('\n'));
  const at = assertAligned(screen, ['STATE', 'FOR', 'WHERE', 'AGENT', 'DIR', 'PROMPT']);
  const long = screen.find((l) => l.startsWith('refactor-'))!;
  assert.ok(long.slice(at.PROMPT).endsWith('…'), long);
  assert.ok(screen.every((l) => l.length <= 120));
}));

test('cpx layouts uses the same table: a long file path is cut to the terminal', withDeadline(20000, async () => {
  const name = 'a-layout-whose-name-is-long-enough-to-matter';
  writeFileSync(join(project, 'layouts', `${name}.yaml`), 'tasks: [{name: a, prompt: x}]\n');
  const { screen, styled, joined } = await drawn(['layouts'], 80);
  assertFits(screen, styled, joined, 80);
  assert.match(screen[0], /^NAME +TASKS +FILE$/);
  assertAligned(screen, ['TASKS', 'FILE']);
  assert.match(screen[1], /^a-layout-whose-name-is-long-enough-to-matter +1 +\S*…$/);
}));

test.run();
