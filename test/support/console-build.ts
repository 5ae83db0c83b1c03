import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const consoleDir = join(root, 'console');
const builtIndex = join(consoleDir, 'dist/index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}

/** The server serves console/dist only if it exists when it starts, so build first (or rebuild when stale). */
export function ensureConsoleBuilt(): void {
  const sources = Math.max(newestSource(join(consoleDir, 'src')), statSync(join(consoleDir, 'index.html')).mtimeMs, statSync(join(consoleDir, 'vite.config.ts')).mtimeMs);
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= sources) return;
  execFileSync('npx', ['vite', 'build', '--config', 'console/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'pipe', timeout: 120_000 });
}
