import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console is built into console/dist, which the server serves with an SPA fallback.
// In `vite dev` the API and socket.io go to the server on :3000 so cookies stay same-origin.
const backend = 'http://localhost:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // Vite 8 compiles TS/TSX with oxc; Preact's automatic runtime replaces React's.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/socket.io': { target: backend, ws: true, changeOrigin: false },
    },
  },
});
