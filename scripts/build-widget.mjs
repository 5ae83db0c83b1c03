// Bundles the embeddable chat widget (/widget.js) and the self-service help page (/help.js) into
// dist/widget (and SIP.js for video calls, video.js): one self-contained IIFE each (Preact and socket.io-client inside), minified.
import { build } from 'esbuild';

await build({
  // video: SIP.js for widget video calls, served as /widget-video.js and loaded on first use.
  entryPoints: { widget: 'console/widget/main.tsx', help: 'console/widget/help.tsx', video: 'console/widget/sip-video.ts' },
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
