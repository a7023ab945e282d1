// Run the built CLI as a black box, the way a user would.
import { execa } from 'execa';
import { CPX } from './server.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCpx(args: string[], options: { env: NodeJS.ProcessEnv; input?: string; cwd?: string }): Promise<CliResult> {
  const result = await execa(CPX, args, {
    env: options.env,
    extendEnv: false,
    input: options.input,
    cwd: options.cwd,
    reject: false,
    stripFinalNewline: false,
    timeout: 20000,
  });
  return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
