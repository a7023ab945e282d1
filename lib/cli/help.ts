// How cpx explains its own usage: the root command (bare `cpx` shows help), the terms of the
// grouped command list, and commander's usage errors rewritten as one line that shows what to type.
import { Command, type HelpContext } from 'commander';

/** The root command. */
export class Program extends Command {
  // commander asks for help "as an error" (stderr, exit 1) for bare `cpx` and for `cpx help <unknown>`:
  // the first is a request for help (stdout, exit 0, as gh does), the second a mistyped command.
  override help(context?: HelpContext | ((text: string) => string)): never {
    if (typeof context === 'object' && context.error && this.args[0] === 'help' && this.args[1] !== undefined) {
      this.error(`unknown command '${this.args[1]}'`, { code: 'commander.unknownCommand', exitCode: 2 });
    }
    return super.help();
  }
}

/** A command as the top-level list shows it: name, alias and arguments (its --help lists the options). */
export function formatCommandTerm(command: Command): string {
  const alias = command.aliases()[0];
  return [command.name() + (alias ? `|${alias}` : ''), stripOptions(command.usage())].filter(Boolean).join(' ');
}

function stripOptions(usage: string): string {
  return usage.replace(/^\[options\] ?/, '');
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The first line of a command's Examples that runs the command itself, e.g. `cpx new auth "…"`. */
function findExample(command: Command): string | undefined {
  const saved = command.configureOutput();
  let text = '';
  command.configureOutput({ writeOut: (s) => { text += s; } });
  try {
    command.outputHelp();
  } finally {
    command.configureOutput(saved);
  }
  const run = `  $ ${commandPath(command)}`;
  return text.split('\n').find((line) => line === run || line.startsWith(`${run} `))?.slice(4);
}

const ARGUMENT_NOUNS: Record<string, string> = { name: 'the task name', text: 'the text to type', layout: 'the layout', shell: 'the shell (bash, zsh or fish)' };

/** `did you mean --dir?` from commander's "\n(Did you mean one of a, b?)". */
function readSuggestion(message: string, quote: (s: string) => string): string | undefined {
  const m = /\n\(Did you mean (?:one of )?(.+)\?\)$/.exec(message);
  return m ? `did you mean ${m[1].split(', ').map(quote).join(' or ')}?` : undefined;
}

/** One line for a commander usage error (its text starts with "error: "): what was wrong and what to type. */
export function describeUsageError(command: Command, text: string): string {
  const message = text.replace(/^error: /, '').trim();
  const path = commandPath(command);
  const usage = `${path} ${stripOptions(command.usage())}`.trim();
  const example = findExample(command);
  const showUsage = example ? `${usage}, e.g. ${example}` : `${usage} (see ${path} --help)`;
  let m: RegExpExecArray | null;
  if ((m = /^unknown command '(.*)'/.exec(message))) {
    const guess = readSuggestion(message, (name) => `\`${path} ${name}\``);
    return `unknown command '${m[1]}': ${guess ? `${guess} (see ${path} --help)` : `see ${path} --help for the commands`}`;
  }
  if ((m = /^unknown option '(.*)'/.exec(message))) {
    const guess = readSuggestion(message, (flag) => flag);
    return `unknown option '${m[1]}': ${guess ? `${guess} (see ${path} --help)` : `see ${path} --help for the options`}`;
  }
  if ((m = /^missing required argument '(.*)'$/.exec(message))) {
    return `missing ${ARGUMENT_NOUNS[m[1]] ?? `the ${m[1]}`}: ${showUsage}`;
  }
  if (/^too many arguments/.test(message)) {
    if (!command.registeredArguments.length) return `too many arguments: ${path} takes none (got '${command.args.join(' ')}'); see ${path} --help`;
    const quoteNames = command.registeredArguments.some((a) => a.name() === 'name') ? ' (quote a name that has spaces)' : '';
    return `too many arguments${quoteNames}: ${showUsage}`;
  }
  if ((m = /^option '(.*)' argument missing$/.exec(message))) {
    const flags = m[1].split(/[ ,]+/);
    return `${flags.filter((f) => f.startsWith('-')).at(-1)} needs a value: ${path} ${flags.slice(-2).join(' ')} (see ${path} --help)`;
  }
  return message.replace(/\n/g, ' ');
}
