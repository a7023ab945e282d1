// A task's environment: the variables it gets (its name, the server, --env) and how they reach its
// program without a shell (env(1) on its command line, or tmux -e for one pane only).
import { serverSocket } from '../tmux/runner.js';
import { UNSET_ENV, type AgentLaunch } from './agents.js';

export function taskEnv(input: { name: string; env?: Record<string, string> }): Record<string, string> {
  return { CPX_TASK: input.name, ...(serverSocket() ? { CPX_SOCKET: serverSocket()! } : {}), ...input.env };
}

/** `env NAME=VALUE … -- program`, merged into an argv that already starts with env(1). */
export function withEnv(argv: string[], env: Record<string, string>): string[] {
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  // After env's `--`: assignments are operands, and the first word that is not one is the program.
  const end = argv[0] === 'env' ? argv.indexOf('--') : -1;
  return end > 0 ? [...argv.slice(0, end + 1), ...assignments, ...argv.slice(end + 1)] : ['env', '--', ...assignments, ...argv];
}

export function envFlags(input: { name: string; env?: Record<string, string> }): string[] {
  return Object.entries(taskEnv(input)).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
}

/** env(1) drops inherited variables and always gives tmux several arguments, so no shell is involved. */
export function wrappedArgv(launch: AgentLaunch): string[] {
  return ['env', ...UNSET_ENV.flatMap((name) => ['-u', name]), '--', ...launch.argv];
}
