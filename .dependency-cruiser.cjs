// The layer rules of lib/ (README, "How it works"): imports point down, commands sit on top,
// only lib/tmux/ spawns tmux, the classifier is pure. `npm test` runs this check.
const DOMAIN = '^lib/(core|tmux|detect|tasks|layout|watch|shell|demo)/';
// Layers, lowest first; a folder may import its own layer and the ones listed for it.
const LAYERS = {
  core: ['core'],
  tmux: ['core'],
  detect: ['core'],
  tasks: ['core', 'tmux', 'detect'],
  layout: ['core', 'tmux', 'detect', 'tasks'],
  watch: ['core', 'tmux', 'detect', 'tasks'],
  shell: ['core', 'tmux', 'tasks'],
  demo: [],
};
const layerRules = Object.entries(LAYERS).map(([layer, below]) => ({
  name: `layer-${layer}`,
  comment: `lib/${layer}/ may import only ${[layer, ...below].map((l) => `lib/${l}/`).join(', ')}`,
  severity: 'error',
  from: { path: `^lib/${layer}/` },
  to: { path: '^lib/', pathNot: `^lib/(${[layer, ...below].join('|')})/` },
}));

module.exports = {
  forbidden: [
    { name: 'no-cycles', comment: 'no module imports itself through others', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'commands-only-from-cli',
      comment: 'lib/commands/ is reached only through lib/cli.ts and lib/cli/ (and the fast paths of bin/cpx.ts); commands never import each other',
      severity: 'error',
      from: { pathNot: '^(lib/cli\\.ts|lib/cli/[^/]+\\.ts|bin/cpx\\.ts)$' },
      to: { path: '^lib/commands/' },
    },
    {
      name: 'domain-not-up',
      comment: 'the domain folders never import lib/commands/ or lib/cli.ts',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: '^lib/(commands/|cli\\.ts|cli/)' },
    },
    {
      name: 'only-tmux-spawns',
      comment: 'child_process only in lib/tmux/ (tmux), lib/watch/keeper.ts (the watcher) and lib/watch/alerts.ts (alert commands)',
      severity: 'error',
      from: { path: '^(lib|bin)/', pathNot: '^lib/(tmux/|watch/keeper\\.ts$|watch/alerts\\.ts$)' },
      to: { path: '^(node:)?child_process$', dependencyTypes: ['core'] },
    },
    {
      name: 'no-execa-outside-tmux',
      comment: 'process-spawning packages follow the same rule as child_process',
      severity: 'error',
      from: { path: '^(lib|bin)/', pathNot: '^lib/tmux/' },
      to: { path: 'node_modules/execa/' },
    },
    {
      name: 'pure-classifier',
      comment: 'lib/detect/classify.ts and tracker.ts are pure: they import only the profile format and each other',
      severity: 'error',
      from: { path: '^lib/detect/(classify|tracker)\\.ts$' },
      to: { pathNot: '^lib/detect/(profile|classify|tracker)\\.ts$' },
    },
    { name: 'resolvable', comment: 'every import resolves (a typo here would hide a layer break)', severity: 'error', from: {}, to: { couldNotResolve: true } },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
