// How each agent is started. Launch data only; screen patterns live in lib/detect/profiles/.
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/errors.js';
import { splitCommandLine } from '../core/argv.js';
import { claudeHookSettings } from './hooks.js';

export interface AgentLaunch {
  agent: string;
  /** Program and arguments, the prompt already placed. */
  argv: string[];
  /** Text to type into the pane once it runs (agents that take no prompt argument). */
  typePrompt?: string;
}

/** Variables a nested agent must not inherit (a nested claude refuses to start with CLAUDECODE set). */
export const UNSET_ENV = ['CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT', 'CLAUDE_CODE_SSE_PORT', 'CLAUDE_AGENT_SDK_VERSION'];

/** Agents that need a program on PATH (the demo agent ships with cpx). */
export const AGENT_NAMES = ['claude', 'shell'] as const;
export const BUILTIN_AGENTS = ['claude', 'shell', 'demo'];

export interface LaunchInput {
  name: string;
  prompt: string;
  agent?: string;
  cmd?: string;
  /** A program already split into arguments (layouts). */
  cmdArgv?: string[];
  agentSessionId: string;
  extraArgs?: string[];
  /** Claude Code hooks that tell the watcher about turns and prompts (default on). */
  hooks?: boolean;
  /** The `command` of a user's agent profile, for agents that are not built in. */
  custom?: string[];
}

/** Linux takes at most 128 KiB (MAX_ARG_STRLEN, with its NUL) as one argument of a program. */
export const MAX_PROMPT_BYTES = 128 * 1024 - 1;

/** Why a prompt cannot be an agent's argument, or undefined when it can. */
export function promptSizeProblem(prompt: string): string | undefined {
  const bytes = Buffer.byteLength(prompt);
  if (bytes <= MAX_PROMPT_BYTES) return undefined;
  return `the prompt is ${(bytes / 1024).toFixed(1)} KiB, more than the 128 KiB a program takes as one argument: save the text to a file and give a short prompt that names it, e.g. "Review the changes in review.diff"`;
}

export function planLaunch(input: LaunchInput): AgentLaunch {
  const launch = planArgv(input);
  const problem = launch.typePrompt === undefined ? promptSizeProblem(input.prompt) : undefined;
  if (problem) throw new UsageError(problem);
  return launch;
}

function planArgv(input: LaunchInput): AgentLaunch {
  if (input.cmd !== undefined || input.cmdArgv) {
    const argv = input.cmdArgv ?? splitCommandLine(input.cmd!);
    if (!argv.length) throw new UsageError('--cmd is empty: give a program, e.g. --cmd "aider --yes"');
    return { agent: 'cmd', argv: input.prompt ? [...argv, input.prompt] : argv };
  }
  const agent = input.agent ?? 'claude';
  if (agent === 'claude') {
    const hooks = input.hooks === false ? [] : ['--settings', claudeHookSettings()];
    const argv = ['claude', '--session-id', input.agentSessionId, '--name', input.name, ...hooks, ...(input.extraArgs ?? [])];
    // '--' so a prompt that starts with '-' is not read as an option.
    return { agent, argv: input.prompt ? [...argv, '--', input.prompt] : argv };
  }
  if (agent === 'demo') {
    // Shipped with cpx (dist/demo-agent.js, beside this bundle): a simulated agent for `cpx demo`.
    const script = fileURLToPath(new URL('./demo-agent.js', import.meta.url));
    return { agent, argv: [process.execPath, script, ...(input.extraArgs ?? []), ...(input.prompt ? ['--', input.prompt] : [])] };
  }
  if (agent === 'shell') {
    const shell = process.env.SHELL || '/bin/sh';
    return { agent, argv: [shell], typePrompt: input.prompt || undefined };
  }
  if (input.custom) return { agent, argv: input.prompt ? [...input.custom, ...(input.extraArgs ?? []), input.prompt] : [...input.custom, ...(input.extraArgs ?? [])] };
  throw new UsageError(`unknown agent '${agent}': use --agent claude, --agent shell, --cmd '<program> <args>', or write a profile with a command (see "Agent profiles" in the README)`);
}
