// A real tmux client, in a pane of a session called 'viewer', looking at a cpx session the way a
// user's terminal would: key bindings are pressed on it, bells and status lines reach it.
import type { TestServer } from './server.js';

/** Attach the viewer client to `session`; returns the viewer's pane, where its screen is drawn. */
export function startViewer(server: TestServer, session: string): string {
  server.tmux('new-session', '-d', '-s', 'viewer', '-x', '120', '-y', '35', 'env', '-u', 'TMUX', 'tmux', '-L', server.socket, 'attach', '-t', `=${session}`);
  return server.tmux('display-message', '-p', '-t', '=viewer:', '#{pane_id}').trim();
}

/** The pane the viewer client shows in `session`. */
export function viewedPane(server: TestServer, session: string): string | undefined {
  const rows = server.tmux('list-clients', '-F', '#{client_control_mode} #{client_session} #{pane_id}').trim().split('\n').map((l) => l.split(' '));
  return rows.find((r) => r[0] === '0' && r[1] === session)?.[2];
}
