// `cpx up` starts all of a layout's tasks or none: what it can know beforehand (unknown agents, programs
// not on PATH) fails validation and --dry-run alike; a tmux failure midway ends what this run started.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCpx } from './support/cli.js';
import { startServer } from './support/server.js';
import { withDeadline } from './support/until.js';

const server = startServer(import.meta.filename);
const project = join(server.home, 'proj');
mkdirSync(project, { recursive: true });
const cpx = (args: string[], env = server.env) => runCpx(args, { env, cwd: project });
const test = suite('cpx up: all or nothing');
test.after(() => server.kill());

const taskNames = () => server.tmux('list-panes', '-a', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{@cpx_task}').split('\n').filter(Boolean).sort();
function layout(name: string, second: string): string {
  const file = join(project, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\ntasks:\n  - name: ${name}-1\n    cmd: sleep 100000\n  - name: ${name}-2\n${second}\n  - name: ${name}-3\n    cmd: sleep 100000\n`);
  return file;
}

test('an unknown agent: file:line:col at the agent line, for --dry-run and up; nothing starts', withDeadline(15000, async () => {
  const file = layout('a', '    agent: nosuch\n    prompt: hi');
  for (const args of [['up', file, '--dry-run'], ['up', file]]) {
    const r = await cpx(args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^cpx: .*a\.yaml:6:12: unknown agent 'nosuch' \(built in: claude, shell, demo; no profile .*nosuch\.yaml\): fix 'agent', or write that profile/);
  }
  assert.equal(taskNames(), []);
}));

test('a program not on PATH: refused by --dry-run and up before the first task starts', withDeadline(15000, async () => {
  const file = layout('b', '    cmd: no-such-program-xyz --flag');
  for (const args of [['up', file, '--dry-run'], ['up', file]]) {
    const r = await cpx(args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^cpx: .*b\.yaml: task 'b-2' runs 'no-such-program-xyz', which is not on PATH: install it, or change the task's agent: or cmd: in the layout\n$/);
  }
  assert.equal(taskNames(), []);
}));

test('tmux failing at the second task: the first is ended again and the error names the task', withDeadline(20000, async () => {
  // A tmux first on PATH that refuses the second window it is asked to open.
  const dir = join(server.home, 'flaky-tmux');
  mkdirSync(dir, { recursive: true });
  const real = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).stdout.trim();
  writeFileSync(join(dir, 'tmux'), `#!/bin/sh
case " $* " in *" new-window "*)
  n=$(cat '${dir}/count' 2>/dev/null || echo 0); n=$((n + 1)); echo $n > '${dir}/count'
  if [ "$n" = 2 ]; then echo 'fake failure' >&2; exit 1; fi ;;
esac
exec '${real}' "$@"
`);
  chmodSync(join(dir, 'tmux'), 0o755);
  const env = { ...server.env, PATH: `${dir}:${server.env.PATH}` };
  server.tmux('new-session', '-d', '-s', 'c-session');
  const file = layout('c', '    cmd: sleep 100000');
  const r = await cpx(['up', file, '--session', 'c-session'], env);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /^cpx: .*c\.yaml: task 'c-2' could not start: tmux failed: fake failure; the 1 task\(s\) started before it were ended again\n$/);
  assert.equal(taskNames(), []);
}));

test.run();
