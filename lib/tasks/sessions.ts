// Which tmux session a command means: --session, the current one inside tmux, or the project's own.
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { run, runLenient, serverSocket } from '../tmux/runner.js';

export interface SessionRef {
  id: string;
  name: string;
}

/** The project a directory belongs to: the nearest folder with .git, else the directory itself. */
export function projectDir(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return dir;
  }
}

/** tmux turns ':' and '.' in session names into '_'; keep names readable and predictable. */
export function projectSessionName(project: string): string {
  const base = basename(project).replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'root';
  return `cpx-${base}`;
}

/** Inside tmux (and not pointed at another server), the session of the calling pane. */
export async function findCurrentSession(): Promise<SessionRef | undefined> {
  if (!process.env.TMUX || serverSocket()) return undefined;
  const target = process.env.TMUX_PANE;
  const out = await runLenient(['display-message', '-p', ...(target ? ['-t', target] : []), '#{session_id}\t#{session_name}']);
  if (!out?.trim()) return undefined;
  const [id, name] = out.trim().split('\t');
  return { id, name };
}

export async function listSessions(): Promise<Array<SessionRef & { project: string }>> {
  const out = await runLenient(['list-sessions', '-f', '#{?#{@cpx_watch},0,1}', '-F', '#{session_id}\t#{@cpx_project}\t#{session_name}']);
  return (out ?? '').split('\n').filter(Boolean).map((line) => {
    const [id, project, ...name] = line.split('\t');
    return { id, project, name: name.join('\t') };
  });
}

function pickProjectSession(sessions: Array<SessionRef & { project: string }>, project: string): SessionRef | undefined {
  return sessions.find((s) => s.project === project) ?? sessions.find((s) => s.name === projectSessionName(project) && !s.project);
}

/** The session cpx made for this project (outside tmux), if any. */
export async function findProjectSession(project: string): Promise<SessionRef | undefined> {
  return pickProjectSession(await listSessions(), project);
}

/**
 * The project's session, or the free name to create it under. One list call: with two, a session
 * another cpx made in between would be missed by the first and push this one to `cpx-<name>-2`.
 */
export async function chooseProjectSession(project: string): Promise<{ session?: SessionRef; createName?: string }> {
  const sessions = await listSessions();
  const session = pickProjectSession(sessions, project);
  if (session) return { session };
  const taken = new Set(sessions.map((s) => s.name));
  const base = projectSessionName(project);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  return { createName: name };
}

export async function findSessionByName(name: string): Promise<SessionRef | undefined> {
  const sessions = await listSessions();
  return sessions.find((s) => s.name === name);
}

export async function sessionExists(name: string): Promise<boolean> {
  try {
    await run(['has-session', '-t', `=${name}`]);
    return true;
  } catch {
    return false;
  }
}
