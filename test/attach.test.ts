import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCpx } from './support/cli.js';
import { CPX, startServer } from './support/server.js';
import { until, withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'proj');
mkdirSync(project, { recursive: true });
const cpx = (args: string[]) => runCpx(args, { env: server.env, cwd: project });
const test = suite('cpx attach');

test.before(async () => {
  for (const name of ['auth', 'billing']) assert.is((await cpx(['new', name, 'go'])).code, 0);
});
test.after(() => server.kill());

function clientPane(session: string): string {
  return server.tmux('list-clients', '-F', '#{client_session}\t#{pane_id}').split('\n').find((l) => l.startsWith(`${session}\t`))?.split('\t')[1] ?? '';
}

test('refuses clearly when stdin is not a terminal', withDeadline(10000, async () => {
  const r = await cpx(['attach', 'auth']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /attach needs a terminal on stdin/);
}));

test('outside tmux, attaches a terminal to the task pane', withDeadline(30000, async () => {
  const tasks = JSON.parse((await cpx(['ls', '--json'])).stdout);
  const billing = tasks.find((t: any) => t.name === 'billing');
  // A pane of a separate session plays the user's SSH terminal (TMUX unset).
  server.tmux('new-session', '-d', '-s', 'terminal', '-x', '120', '-y', '30', '-c', project,
    'env', '-u', 'TMUX', '-u', 'TMUX_PANE', `CPX_SOCKET=${server.socket}`, CPX, 'attach', 'billing');
  await until(() => clientPane(billing.session) === billing.paneId, { what: 'client on billing pane', pane: [server.socket, 'terminal:'] });
  server.tmux('kill-session', '-t', 'terminal');
}));

test('inside tmux, switches the current client to the task pane', withDeadline(30000, async () => {
  const tasks = JSON.parse((await cpx(['ls', '--json'])).stdout);
  const auth = tasks.find((t: any) => t.name === 'auth');
  server.tmux('new-session', '-d', '-s', 'viewer', '-x', '120', '-y', '30', 'env', '-u', 'TMUX', 'tmux', '-L', server.socket, 'attach', '-t', 'keep');
  await until(() => clientPane('keep'), { what: 'viewer attached to keep' });
  // Run from a pane of the viewer's session (TMUX is set there), without CPX_SOCKET: inside tmux
  // cpx uses the server and the client of $TMUX. No shell in between (a slow .bashrc cannot delay it).
  server.tmux('new-window', '-d', '-t', 'keep:', 'env', '-u', 'CPX_SOCKET', CPX, 'attach', 'auth');
  await until(() => clientPane(auth.session) === auth.paneId, { what: 'client switched to auth', pane: [server.socket, 'keep:'] });
  server.tmux('kill-session', '-t', 'viewer');
}));

test.run();
