/** Compact header forms (RFC 3261 §7.3.3 and later extensions) mapped to full lower-case names. */
const COMPACT: Record<string, string> = {
  v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type',
  k: 'supported', s: 'subject', e: 'content-encoding', o: 'event', r: 'refer-to', b: 'referred-by',
  u: 'allow-events', x: 'session-expires',
};

/** Headers whose comma-separated values are independent entries (RFC 3261 §7.3.1). */
const LIST_HEADERS = new Set([
  'via', 'route', 'record-route', 'contact', 'allow', 'supported', 'require', 'proxy-require',
  'unsupported', 'accept', 'accept-encoding', 'accept-language', 'allow-events', 'path',
  'content-encoding', 'service-route',
]);

const DISPLAY: Record<string, string> = {
  'call-id': 'Call-ID', cseq: 'CSeq', 'www-authenticate': 'WWW-Authenticate', 'max-forwards': 'Max-Forwards',
  'mime-version': 'MIME-Version', 'rack': 'RAck', 'rseq': 'RSeq',
};

// Names are looked up and written several times per message; the answers are remembered, up to a
// bound, since a peer can send any number of distinct names.
const MEMO_LIMIT = 512;
const canonicalMemo = new Map<string, string>();
const displayMemo = new Map<string, string>();

function remember(memo: Map<string, string>, key: string, value: string): string {
  if (memo.size < MEMO_LIMIT) memo.set(key, value);
  return value;
}

export function canonicalName(name: string): string {
  const known = canonicalMemo.get(name);
  if (known !== undefined) return known;
  const lower = name.trim().toLowerCase();
  return remember(canonicalMemo, name, COMPACT[lower] ?? lower);
}

export function displayName(name: string): string {
  const known = displayMemo.get(name);
  if (known !== undefined) return known;
  const display = DISPLAY[name] ?? name.replace(/(^|-)([a-z])/g, (_m, dash: string, ch: string) => dash + ch.toUpperCase());
  return remember(displayMemo, name, display);
}

export function isListHeader(name: string): boolean {
  return LIST_HEADERS.has(name);
}

/** Splits on commas outside quotes and angle brackets. */
export function splitList(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') depth++;
    else if (!quoted && ch === '>') depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && ch === ',') {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(value.slice(start).trim());
  return out.filter((v) => v.length > 0);
}

/** Ordered, multi-valued header store keyed by canonical lower-case name. */
export class Headers {
  private readonly entries: Array<{ name: string; value: string }> = [];

  get(name: string): string | undefined {
    const key = canonicalName(name);
    return this.entries.find((e) => e.name === key)?.value;
  }

  getAll(name: string): string[] {
    const key = canonicalName(name);
    return this.entries.filter((e) => e.name === key).map((e) => e.value);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Adds a value; list headers are split into one entry per element. */
  append(name: string, value: string): this {
    const key = canonicalName(name);
    const values = isListHeader(key) && !(key === 'contact' && value.trim() === '*') ? splitList(value) : [value.trim()];
    for (const v of values) this.entries.push({ name: key, value: v });
    return this;
  }

  /** Puts a value before all others of that name (a new top Via). */
  prepend(name: string, value: string): this {
    const key = canonicalName(name);
    const at = this.entries.findIndex((e) => e.name === key);
    this.entries.splice(at < 0 ? 0 : at, 0, { name: key, value: value.trim() });
    return this;
  }

  set(name: string, value: string): this {
    this.remove(name);
    return this.append(name, value);
  }

  /** Replaces the first value of a name in place (the top Via after adding received/rport). */
  replaceFirst(name: string, value: string): this {
    const key = canonicalName(name);
    const entry = this.entries.find((e) => e.name === key);
    if (entry) entry.value = value;
    else this.entries.push({ name: key, value });
    return this;
  }

  remove(name: string): this {
    const key = canonicalName(name);
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]?.name === key) this.entries.splice(i, 1);
    return this;
  }

  get size(): number {
    return this.entries.length;
  }

  list(): ReadonlyArray<{ name: string; value: string }> {
    return this.entries;
  }

  clone(): Headers {
    const copy = new Headers();
    for (const e of this.entries) copy.entries.push({ ...e });
    return copy;
  }
}
