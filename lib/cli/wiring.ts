// What every command's wiring shares: lazy-loaded actions, examples in --help, common options.
import { Option } from 'commander';

type Action = (...args: any[]) => Promise<number | void>;

export function lazy(load: () => Promise<{ default: Action }>): (...args: any[]) => Promise<void> {
  return async (...args: any[]) => {
    const command = await load();
    const code = await command.default(...args);
    if (typeof code === 'number') process.exitCode = code;
  };
}

export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export const sessionOption = (what = 'the tmux session holding the task (when names repeat across sessions)') => new Option('-s, --session <name>', what);

// approve and deny name a pane as tmux does (-t %12); --pane, the old name, still works unlisted.
export const targetOption = (what: string) => new Option('-t, --target <pane>', what);
export const oldPaneOption = () => new Option('--pane <id>').hideHelp();
