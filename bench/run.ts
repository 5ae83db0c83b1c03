// `npm run bench -- <name>` runs bench/<name>.ts. Each benchmark measures its baseline in the
// same run, prints its figures, and ends with one JSON line.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
const name = process.argv[2];

if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
const mod = (await import(join(here, `${name}.ts`))) as { default: () => Promise<void> };
await mod.default();
// Done once the figures are printed, as the server's own shutdown is (server/main.ts): whatever the
// system under test left open (10,000 closing sockets, pools) must not keep the runner alive.
process.exit(0);
