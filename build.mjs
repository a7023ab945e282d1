// Bundle the CLI into dist/ (code-split so each command loads only what it needs).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cpx: 'bin/cpx.ts', 'demo-agent': 'lib/demo/agent.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  define: { CPX_VERSION: JSON.stringify(version) },
  // commander is CommonJS and requires node built-ins.
  banner: { js: "import{createRequire as __cpxRequire}from'node:module';const require=__cpxRequire(import.meta.url);" },
  logLevel: 'warning',
});
