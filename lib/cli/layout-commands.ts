// Layouts: up, down, save, layouts.
import type { Command } from 'commander';
import { lazy, examples, sessionOption } from './wiring.js';

export function addLayoutCommands(program: Command): void {
  program.commandsGroup('Layouts:');

  program.command('up')
    .description("start a layout's tasks (by name from ./layouts, ./.cpx/layouts, ~/.config/cpx/layouts, or a path)")
    .summary("start a layout's tasks")
    .argument('<layout>', 'layout name or file')
    .option('-n, --dry-run', 'print the plan (order, dirs, the exact prompt each task receives) and start nothing')
    .option('-s, --session <name>', 'tmux session to use (default: the layout\'s, the current one, or the project\'s)')
    .option('--json', 'print what was started (with --dry-run: the plan) as JSON')
    .addHelpText('after', examples(['cpx up pages', 'cpx up ./layouts/backend-frontend.yaml --dry-run']))
    .action(lazy(() => import('../commands/up.js')));

  program.command('down')
    .description("end the tasks a layout started")
    .summary('end the tasks a layout started')
    .argument('<layout>', 'layout name or file')
    .option('-y, --yes', 'do not ask for confirmation')
    .addOption(sessionOption("only the layout's tasks in this tmux session"))
    .addHelpText('after', examples(['cpx down pages', 'cpx down demo --yes']))
    .action(lazy(() => import('../commands/down.js')));

  program.command('save')
    .description("write this session's tasks as a layout file that `cpx up` recreates")
    .summary("write this session's tasks as a layout file")
    .argument('<layout>', 'a name (written to ./layouts/<name>.yaml) or a path')
    .option('-f, --force', 'overwrite an existing file')
    .addOption(sessionOption("the tmux session whose tasks to save (default: the current one inside tmux, else this directory's)"))
    .addHelpText('after', examples(['cpx save sprint-12', 'cpx save ~/.config/cpx/layouts/review.yaml --force']))
    .action(lazy(() => import('../commands/save.js')));

  program.command('layouts')
    .description('list the layouts cpx can find, with their file and task count')
    .summary('list the layouts cpx can find')
    .option('--json', 'print an array of {name, file, tasks, error}')
    .action(lazy(() => import('../commands/layouts.js')));
}
