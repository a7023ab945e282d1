// Bundle the CLI into dist/ (code-split so each command loads only what it needs).
// Built into a fresh folder, then swapped in, so a running cpx never sees a half-written dist/.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const out = `dist.tmp-${process.pid}`;
await build({
  entryPoints: { cpx: 'bin/cpx.ts', 'demo-agent': 'lib/demo/agent.ts' },
  outdir: out,
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
for (let attempt = 0; ; attempt++) {
  rmSync('dist', { recursive: true, force: true });
  try {
    renameSync(out, 'dist');
    break;
  } catch (error) {
    if (attempt >= 5) throw error; // another build swapped its dist in between: try again
  }
}
