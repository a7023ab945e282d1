// cpx layouts: the layout files cpx can find, with their task counts.
import { listLayoutDirs, listLayouts } from '../layout/find.js';
import { showPath } from '../layout/paths.js';
import { paint, print, printJson } from '../core/output.js';
import { formatTable, type Cell } from '../core/table.js';

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
  const rows = found.map((l): Cell[] => [l.name, l.error ? { text: 'invalid', style: (s) => paint().red(s) } : String(l.tasks), l.error ?? showPath(l.file)]);
  const columns = [{ header: 'NAME', shrink: 2, min: 12 }, { header: 'TASKS' }, { header: 'FILE', shrink: 1 }];
  for (const line of formatTable(columns, rows)) print(line);
  return 0;
}
