// A scripted stand-in for the Anthropic Messages API, so the real Claude Code binary runs offline.
// Requests that carry `tools` are the main agent's turns and consume the script one turn each
// (a tool_result follow-up is just the next request); requests without tools (titles, topics,
// summaries) get a short fixed text answer and consume nothing.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Turn =
  | { text: string; delayMs?: number }
  | { tool: string; input: Record<string, unknown>; text?: string; delayMs?: number };

/** A turn may be computed from the request it answers (e.g. to reuse a path the binary put in its prompt). */
export type ScriptedTurn = Turn | ((body: any) => Turn);

export interface LoggedRequest {
  method: string;
  path: string;
  time: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  /** Index of the script turn this request consumed, if it was a main-agent turn. */
  turn?: number;
}

export interface FakeAnthropic {
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: LoggedRequest[];
  /** Paths we did not know, for finding out what else the binary calls. */
  unknown: string[];
  push(turn: ScriptedTurn): void;
  /** Main-agent requests only (the ones that consumed or would consume a turn). */
  agentRequests(): LoggedRequest[];
  close(): Promise<void>;
}

const MODEL = 'claude-sonnet-4-5-20250929';
const SIDE_ANSWER = 'Fake title';
const DONE: Turn = { text: 'Done.' };

export async function startFakeAnthropic(script: ScriptedTurn[] = [], options: { log?: boolean } = {}): Promise<FakeAnthropic> {
  const queue = [...script];
  const requests: LoggedRequest[] = [];
  const unknown: string[] = [];
  let turns = 0;
  let ids = 0;
  const log = options.log ?? Boolean(process.env.FAKE_ANTHROPIC_LOG);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const body = parseJson(raw);
    const entry: LoggedRequest = { method: req.method ?? 'GET', path, time: Date.now(), headers: req.headers, body };
    requests.push(entry);
    if (log) process.stderr.write(`[fake-anthropic] ${entry.method} ${req.url} ${describe(body)}\n`);

    if (req.method === 'POST' && path === '/v1/messages') {
      const isAgentTurn = Array.isArray(body?.tools) && body.tools.length > 0;
      let turn: Turn = { text: SIDE_ANSWER };
      if (isAgentTurn) {
        entry.turn = turns++;
        const next = queue.shift() ?? DONE;
        turn = typeof next === 'function' ? next(body) : next;
      }
      const id = `msg_fake_${++ids}`;
      if (body?.stream) await streamTurn(res, turn, id, ++ids);
      else sendJson(res, 200, messageJson(turn, id, ++ids));
      return;
    }
    if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      sendJson(res, 200, { input_tokens: 100 });
      return;
    }
    unknown.push(`${entry.method} ${req.url}`);
    if (log) process.stderr.write(`[fake-anthropic] unknown path ${entry.method} ${req.url}\n`);
    sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: `fake: no ${path}` } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { type: 'error', error: { type: 'api_error', message: String(error) } });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    unknown,
    push: (turn) => void queue.push(turn),
    agentRequests: () => requests.filter((r) => r.turn !== undefined),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): any {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return raw;
  }
}

function describe(body: any): string {
  if (!body || typeof body !== 'object') return '';
  const tools = Array.isArray(body.tools) ? body.tools.length : 0;
  return `model=${body.model} stream=${Boolean(body.stream)} tools=${tools} messages=${body.messages?.length ?? 0}`;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_fake' });
  res.end(text);
}

const usage = { input_tokens: 100, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

/** The content blocks of a turn: optional text, then optional tool_use. */
function contentOf(turn: Turn, toolId: number): any[] {
  const blocks: any[] = [];
  if (turn.text) blocks.push({ type: 'text', text: turn.text });
  if ('tool' in turn) blocks.push({ type: 'tool_use', id: `toolu_fake_${toolId}`, name: turn.tool, input: turn.input });
  return blocks;
}

function stopReasonOf(turn: Turn): string {
  return 'tool' in turn ? 'tool_use' : 'end_turn';
}

function messageJson(turn: Turn, id: string, toolId: number): unknown {
  return {
    id, type: 'message', role: 'assistant', model: MODEL,
    content: contentOf(turn, toolId), stop_reason: stopReasonOf(turn), stop_sequence: null, usage,
  };
}

async function streamTurn(res: ServerResponse, turn: Turn, id: string, toolId: number): Promise<void> {
  let closed = false;
  res.on('close', () => { closed = true; });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': 'req_fake' });
  const send = (event: string, data: unknown): void => {
    if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...(data as object) })}\n\n`);
  };
  send('message_start', { message: { id, type: 'message', role: 'assistant', model: MODEL, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } });
  // The delay sits after message_start so the client sees a live stream (spinner) rather than a stalled connect.
  if (turn.delayMs) await sleepWithPings(turn.delayMs, () => closed, () => send('ping', {}));
  contentOf(turn, toolId).forEach((block, index) => sendBlock(send, block, index));
  send('message_delta', { delta: { stop_reason: stopReasonOf(turn), stop_sequence: null }, usage: { output_tokens: 20 } });
  send('message_stop', {});
  if (!closed) res.end();
}

function sendBlock(send: (event: string, data: unknown) => void, block: any, index: number): void {
  if (block.type === 'text') {
    send('content_block_start', { index, content_block: { type: 'text', text: '' } });
    for (const piece of splitText(block.text)) send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
  } else {
    send('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
    send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } });
  }
  send('content_block_stop', { index });
}

/** A few deltas rather than one, like the real API. */
function splitText(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces.length ? pieces : [''];
}

async function sleepWithPings(ms: number, isClosed: () => boolean, ping: () => void): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !isClosed()) {
    await new Promise((r) => setTimeout(r, Math.min(1000, end - Date.now())));
    ping();
  }
}
