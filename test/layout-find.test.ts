import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../lib/core/errors.js';
import { findLayout, listLayoutDirs, listLayouts } from '../lib/layout/find.js';

const home = mkdtempSync(join(tmpdir(), 'cpx-layout-find-'));
const cwd = join(home, 'project');
const env = { XDG_CONFIG_HOME: join(home, 'config') };
const [projectDir, dotDir, userDir] = listLayoutDirs(cwd, env) as [string, string, string];
const test = suite('finding and listing layouts');
test.after(() => rmSync(home, { recursive: true, force: true }));

const VALID = 'tasks:\n  - {name: a, prompt: x}\n  - {name: b, prompt: y}\n';
function put(dir: string, name: string, text = VALID): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

function usageError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.instance(error, UsageError);
    assert.is((error as UsageError).exitCode, 2);
    return (error as Error).message;
  }
  throw new Error('no error');
}

test('the search order is ./layouts, ./.cpx/layouts, then $XDG_CONFIG_HOME/cpx/layouts (default ~/.config)', () => {
  assert.equal([projectDir, dotDir, userDir], [join(cwd, 'layouts'), join(cwd, '.cpx/layouts'), join(home, 'config/cpx/layouts')]);
  assert.is(listLayoutDirs(cwd, {})[2], join(homedir(), '.config/cpx/layouts'));
  assert.is(listLayoutDirs(cwd, { XDG_CONFIG_HOME: 'relative/ignored' })[2], join(homedir(), '.config/cpx/layouts'));
});

test('a name is found in the first folder that has it, .yaml before .yml', () => {
  const user = put(userDir, 'site.yaml');
  assert.equal(findLayout('site', cwd, env), { file: user, searched: [projectDir, dotDir, userDir] });
  const dot = put(dotDir, 'site.yml');
  assert.is(findLayout('site', cwd, env).file, dot);
  const yml = put(projectDir, 'site.yml');
  assert.is(findLayout('site', cwd, env).file, yml);
  const yaml = put(projectDir, 'site.yaml');
  assert.is(findLayout('site', cwd, env).file, yaml);
  // A name with an extension that is not a file in cwd is still a name.
  assert.is(findLayout('site.yml', cwd, env).file, yaml);
});

test('a path is used as it is', () => {
  const elsewhere = put(join(home, 'elsewhere'), 'mine.yaml');
  assert.equal(findLayout(elsewhere, cwd, env), { file: elsewhere, searched: [] });
  assert.equal(findLayout('../elsewhere/mine.yaml', cwd, env), { file: elsewhere, searched: [] });
  const local = put(cwd, 'here.yml');
  assert.equal(findLayout('here.yml', cwd, env), { file: local, searched: [] });
  assert.is(usageError(() => findLayout('./nope.yaml', cwd, env)), 'no layout file at ./nope.yaml: check the path, or give a layout name (list them with `cpx layouts`)');
});

test('an unknown name lists the folders searched and suggests a close name', () => {
  put(projectDir, 'pages.yaml');
  const where = `layouts, .cpx/layouts, ${join(home, 'config/cpx/layouts')}`;
  assert.is(usageError(() => findLayout('pagse', cwd, env)), `no layout named 'pagse' in ${where}: did you mean 'pages'?`);
  assert.is(usageError(() => findLayout('zzz', cwd, env)), `no layout named 'zzz' in ${where}: available layouts are pages, site`);
  const empty = join(home, 'empty');
  mkdirSync(empty);
  assert.is(usageError(() => findLayout('zzz', empty, { XDG_CONFIG_HOME: join(home, 'none') })),
    `no layout named 'zzz' in layouts, .cpx/layouts, ${join(home, 'none/cpx/layouts')}: write layouts/zzz.yaml, or give the path of a layout file`);
});

test('listLayouts: one entry per name (the one cpx up would use), broken files listed with their error', () => {
  const root = join(home, 'listing');
  const dirs = listLayoutDirs(root, env);
  put(dirs[0]!, 'web.yaml');
  put(dirs[1]!, 'web.yaml', 'tasks: [{name: shadowed, prompt: x}]\n');
  put(dirs[1]!, 'broken.yml', 'tasks:\n  - {name: a, prompt: x}\n  - {name: a, prompt: y}\n  - {name: b, promt: z}\n');
  put(dirs[0]!, 'syntax.yaml', 'tasks: [\n');
  put(dirs[0]!, 'notes.txt', 'not a layout');
  const list = listLayouts(root, env).filter((l) => l.file.startsWith(root));
  assert.equal(list.map((l) => [l.name, l.file.slice(root.length + 1), l.tasks, l.error?.replace(l.file, 'FILE')]), [
    ['syntax', 'layouts/syntax.yaml', 0, 'FILE:2:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]: fix the YAML at that position'],
    ['web', 'layouts/web.yaml', 2, undefined],
    ['broken', '.cpx/layouts/broken.yml', 3, "FILE:3:12: duplicate task name 'a' (first on line 2): give each task a unique name"],
  ]);
  assert.not.ok('error' in list[1]!);
  assert.equal(listLayouts(join(home, 'nothing-here'), { XDG_CONFIG_HOME: join(home, 'none') }), []);
});

test.run();
