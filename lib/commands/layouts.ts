// cpx layouts: the layout files cpx can find, with their task counts.
import { listLayoutDirs, listLayouts } from '../layout/find.js';
import { showPath } from '../layout/paths.js';
import { formatTable, paint, print, printJson } from '../core/output.js';

export default async function layouts(options: { json?: boolean }): Promise<number> {
  const found = listLayouts(process.cwd());
  if (options.json) {
    printJson(found);
    return 0;
  }
  if (!found.length) {
    print(`no layouts found in ${listLayoutDirs(process.cwd()).map(showPath).join(', ')}: write one (see README) or \`cpx save <name>\``);
    return 0;
  }
  const rows = found.map((l) => [l.name, l.error ? paint().red('invalid') : String(l.tasks), l.error ?? showPath(l.file)]);
  for (const line of formatTable([{ header: 'NAME' }, { header: 'TASKS' }, { header: 'FILE', flexible: true }], rows)) print(line);
  return 0;
}
