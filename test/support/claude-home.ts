// A throwaway HOME in which the real Claude Code binary starts with no first-run dialog
// and talks only to the fake API server.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scratchDir } from './scratch.js';

export const FAKE_API_KEY = 'sk-ant-api03-fakefakefakefakefakefakefakefakefakefakefakefake-0123456789abcdefABCD';

export interface ClaudeHomeOptions {
  /** Fake API base URL, e.g. from startFakeAnthropic(). */
  url?: string;
  /** Leave the project untrusted (to see the trust dialog). */
  untrusted?: boolean;
  /** Leave the API key unapproved (to see the key dialog). */
  keyUnapproved?: boolean;
}

export interface ClaudeHome {
  home: string;
  env: Record<string, string>;
}

export async function makeClaudeHome(projectDir: string, apiKey = FAKE_API_KEY, options: ClaudeHomeOptions = {}): Promise<ClaudeHome> {
  const home = scratchDir('claude-home');
  await mkdir(join(home, '.claude'), { recursive: true });
  await writeFile(join(home, '.claude.json'), JSON.stringify(claudeJson(projectDir, apiKey, options), null, 2));
  return { home, env: claudeEnv(home, apiKey, options.url) };
}

function claudeJson(projectDir: string, apiKey: string, options: ClaudeHomeOptions): object {
  return {
    hasCompletedOnboarding: true,
    theme: 'dark',
    projects: { [projectDir]: { hasTrustDialogAccepted: !options.untrusted, allowedTools: [] } },
    customApiKeyResponses: { approved: options.keyUnapproved ? [] : [apiKey.slice(-20)], rejected: [] },
  };
}

/** The variables to launch claude with; start from a parent env with CLAUDE* removed (see cleanEnv). */
export function claudeEnv(home: string, apiKey: string, url?: string): Record<string, string> {
  const env: Record<string, string> = {
    HOME: home,
    ANTHROPIC_API_KEY: apiKey,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
  };
  if (url) env.ANTHROPIC_BASE_URL = url;
  return env;
}

/** The parent environment minus anything that would make claude think it is nested or configured elsewhere. */
export function cleanEnv(parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (key === 'CLAUDECODE' || key.startsWith('CLAUDE_CODE_') || key.startsWith('ANTHROPIC_') || key === 'TMUX' || key === 'TMUX_PANE') continue;
    env[key] = value;
  }
  return env;
}
