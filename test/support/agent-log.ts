// What a fixture agent (fake-agent, the fake `claude`, myagent) recorded for a task in $FAKE_AGENT_LOG:
// its start (argv, cwd) and every input or answer, one JSON line each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readAgentEvents(home: string, task: string): any[] {
  try {
    return readFileSync(join(home, 'agent-log', `${encodeURIComponent(task)}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}
