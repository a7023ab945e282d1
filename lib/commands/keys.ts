// cpx keys [--install]: the tmux key bindings and status segment (completions/cpx.tmux, with this cpx's path).
import { basename } from 'node:path';
import {
  addSourceLine, cpxConfPath, findUserConf, forEachServer, isCpxCommand, listBindings, listServerPaths,
  readPrefixKeys, readSnippet, reloadServer, renderSnippet, validateKey, writeCpxConf, type Binding,
} from '../shell/tmux-keys.js';
import { print } from '../core/output.js';
import { launcherPath } from '../core/paths.js';

interface KeysOptions {
  install?: boolean;
  status?: boolean;
  [verb: string]: string | boolean | undefined;
}

/** The keys given as flags (--next KEY …), validated. */
function chosenKeys(bindings: Binding[], options: KeysOptions): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const { verb } of bindings) {
    const key = options[verb];
    if (typeof key === 'string') keys[verb] = validateKey(verb, key);
  }
  return keys;
}

/** Bindings whose key a live server already uses for something else: skipped, unless the key was asked for. */
function findConflicts(bindings: Binding[], chosen: Record<string, string>, live: Map<string, Map<string, string>>): Map<string, string> {
  const skip = new Map<string, string>();
  for (const { verb, key: fallback } of bindings) {
    const key = chosen[verb] ?? fallback;
    for (const [server, keys] of live) {
      const command = keys.get(key);
      if (command === undefined || isCpxCommand(command)) continue;
      const what = `prefix ${key} is bound to \`${command.length > 60 ? `${command.slice(0, 59)}…` : command}\` on server '${server}'`;
      if (chosen[verb]) {
        process.stderr.write(`cpx: ${what}: binding it to cpx ${verb} anyway, as --${verb} asked\n`);
        break;
      }
      skip.set(verb, `skipped: ${what}`);
      process.stderr.write(`cpx: ${what}: cpx ${verb} left out; pick a free key with \`cpx keys --install --${verb} KEY\`\n`);
      break;
    }
  }
  return skip;
}

export default async function keys(options: KeysOptions): Promise<number> {
  const snippet = readSnippet();
  const bindings = listBindings(snippet);
  const chosen = chosenKeys(bindings, options);
  const bin = launcherPath();
  if (!options.install) {
    process.stdout.write(renderSnippet(snippet, { bin, keys: chosen, status: options.status }));
    return 0;
  }
  const servers = listServerPaths();
  const live = await forEachServer(servers, readPrefixKeys);
  const skip = findConflicts(bindings, chosen, live);
  const cpxConf = cpxConfPath();
  const wrote = writeCpxConf(cpxConf, renderSnippet(snippet, { bin, keys: chosen, skip, status: options.status }));
  print(wrote ? `wrote ${cpxConf}` : `already installed: ${cpxConf} unchanged`);
  const conf = findUserConf();
  const source = addSourceLine(conf, cpxConf);
  if (!source.added) print(`${conf} already sources it`);
  else print(`added \`${source.line}\` to ${conf}${source.backup ? ` (backup of the original: ${source.backup})` : ''}`);
  const ours = bindings.filter((b) => !skip.has(b.verb) && (chosen[b.verb] ?? b.key) !== 'none').map((b) => chosen[b.verb] ?? b.key);
  const reloaded = await forEachServer(servers.filter((p) => live.has(basename(p))), async (label) => {
    await reloadServer(cpxConf, ours, live.get(label) ?? new Map());
    return label;
  });
  print(reloaded.size ? `loaded into the running tmux server${reloaded.size > 1 ? 's' : ''}: ${[...reloaded.keys()].join(', ')}` : 'no tmux server is running: the keys work from the next one');
  return 0;
}
