// bench/sip part (c) in a process of its own; bench/sip.ts starts it and reads its last line.
import { measureConcurrency } from './sip';

const deadline = Number(process.argv[2] ?? Date.now() + 200_000);
console.log(JSON.stringify(await measureConcurrency(deadline)));
process.exit(0);
