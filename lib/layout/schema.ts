// The layout file's schema as data (keys per level, their kinds, an example for error messages)
// and the typed result of validation.

export const ARRANGES = ['windows', 'tiled', 'main-vertical', 'main-horizontal', 'even-horizontal', 'even-vertical'] as const;
export type Arrange = (typeof ARRANGES)[number];

export interface LayoutTask {
  name: string;
  /** The task's own prompt, without grounding ('' when none). planLayout composes what the agent receives. */
  prompt: string;
  /** Absolute. */
  dir: string;
  /** Undefined exactly when `cmd` is set; otherwise the task's, the layout's, or 'claude'. */
  agent?: string;
  agentArgs: string[];
  cmd?: string[];
  env: Record<string, string>;
  after: string[];
  window?: string;
  /** The layout's ground, then the task's, joined by a newline ('' when neither). */
  groundText: string;
  /** The layout's ground files, then the task's; absolute, no duplicates. */
  groundFiles: string[];
}

export interface Layout {
  /** Absolute path of the layout file. */
  file: string;
  name: string;
  /** Absolute. */
  dir: string;
  arrange: Arrange;
  session?: string;
  tasks: LayoutTask[];
}

/** What a key's value may be; each kind has one reader in fields.ts. */
export interface KindValues {
  label: string;
  text: string;
  path: string;
  agent: string;
  args: string[];
  arrange: Arrange;
  session: string;
  paths: string[];
  env: Record<string, string>;
  names: string[];
  tasks: unknown;
}
export type Kind = keyof KindValues;
export interface KeySpec { kind: Kind; example: string }

export const LAYOUT_KEYS = {
  name: { kind: 'label', example: 'name: acme-site' },
  dir: { kind: 'path', example: 'dir: ~/acme-co' },
  agent: { kind: 'agent', example: 'agent: claude' },
  agent_args: { kind: 'args', example: 'agent_args: --permission-mode plan' },
  arrange: { kind: 'arrange', example: 'arrange: windows' },
  session: { kind: 'session', example: 'session: acme' },
  ground: { kind: 'text', example: 'ground: Follow the patterns in components/ui.' },
  ground_files: { kind: 'paths', example: 'ground_files: [docs/style.md]' },
  env: { kind: 'env', example: 'env: { API_URL: http://localhost:3000 }' },
  tasks: { kind: 'tasks', example: 'tasks: [{ name: about, prompt: Create the about page. }]' },
} as const satisfies Record<string, KeySpec>;

export const TASK_KEYS = {
  name: { kind: 'label', example: 'name: about' },
  prompt: { kind: 'text', example: 'prompt: Create the about page.' },
  after: { kind: 'names', example: 'after: [backend]' },
  dir: { kind: 'path', example: 'dir: ./web' },
  agent: { kind: 'agent', example: 'agent: claude' },
  agent_args: { kind: 'args', example: 'agent_args: --permission-mode plan' },
  cmd: { kind: 'args', example: 'cmd: npm run dev' },
  env: { kind: 'env', example: 'env: { PORT: 3001 }' },
  ground: { kind: 'text', example: 'ground: Use the API client in lib/api.ts.' },
  ground_files: { kind: 'paths', example: 'ground_files: [docs/api.md]' },
  window: { kind: 'label', example: 'window: pages' },
} as const satisfies Record<string, KeySpec>;

export type LayoutKey = keyof typeof LAYOUT_KEYS;
export type TaskKey = keyof typeof TASK_KEYS;

/** A value read from the file, with the nodes to point at in later errors. */
export interface Entry<T> { value: T; node: unknown; keyNode: unknown }
export type Fields<Keys extends Record<string, KeySpec>> = { [K in keyof Keys]?: Entry<KindValues[Keys[K]['kind']]> };

/** Agent names the launcher may know: built-ins and user profile names. */
export const AGENT_PATTERN = /^[a-z0-9_-]+$/;
