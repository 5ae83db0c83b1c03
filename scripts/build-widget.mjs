// Bundles the embeddable chat widget (/widget.js) and the self-service help page (/help.js) into
// dist/widget: one self-contained IIFE each (Preact and socket.io-client inside), minified.
import { build } from 'esbuild';

await build({
  entryPoints: { widget: 'console/widget/main.tsx', help: 'console/widget/help.tsx' },
  outdir: 'dist/widget',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
});
