import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers import one way: server -> telephony, omnichannel -> core. console talks to the server
// over HTTP/socket.io only (it may share plain types from core). A wrong import fails here.
const root = resolve(__dirname, '..');
const allowed: Record<string, string[]> = {
  core: ['core'],
  telephony: ['telephony', 'core'],
  omnichannel: ['omnichannel', 'core'],
  server: ['server', 'telephony', 'omnichannel', 'core', 'migrations'],
  migrations: ['migrations'],
  console: ['console', 'core'],
};

function* sourceFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name)) yield path;
  }
}

export function layerViolations(): string[] {
  const found: string[] = [];
  for (const layer of Object.keys(allowed)) {
    for (const file of sourceFiles(join(root, layer))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
        const spec = match[1] ?? match[2] ?? '';
        const target = relative(root, resolve(dirname(file), spec)).split('/')[0] ?? '';
        // Tests (and the engine contract suite, which is test code) may use the shared helpers in test/support.
        const isTestCode = /\.test\.tsx?$/.test(file) || file.includes('/telephony/contract/');
        const rules = [...(allowed[layer] ?? []), ...(isTestCode ? ['test'] : [])];
        const isTypeOnlyCoreImport = layer === 'console' && target === 'core' && /import\s+type/.test(match[0]);
        if (!rules.includes(target) || (layer === 'console' && target === 'core' && !isTypeOnlyCoreImport)) {
          found.push(`${relative(root, file)} imports ${spec} (${layer} -> ${target})`);
        }
      }
    }
  }
  return found;
}

describe('layering', () => {
  it('imports point one way: server -> telephony/omnichannel -> core', () => {
    expect(layerViolations()).toEqual([]);
  });

  it('catches a wrong import (core reaching into server)', () => {
    const probe = join(root, 'core', `__layer_probe_${process.pid}.ts`);
    writeFileSync(probe, "import { loadConfig } from '../server/config';\nexport const x = loadConfig;\n");
    try {
      expect(layerViolations()).toEqual([`core/__layer_probe_${process.pid}.ts imports ../server/config (core -> server)`]);
    } finally {
      rmSync(probe);
    }
  });
});
