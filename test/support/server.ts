import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/start';
import { freshDatabase, type TestDatabase } from './db';
import { testLog } from './log';

export interface TestServer extends RunningServer {
  database: TestDatabase;
  dataDir: string;
  adminPassword: string;
  /** fetch against the server, keeping the cookies of one signed-in user. */
  client(): ApiClient;
  stop(): Promise<void>;
}

export class ApiClient {
  private cookie = '';
  constructor(private readonly base: string) {}

  async login(username: string, password: string): Promise<Response> {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
    return res;
  }

  get cookieHeader(): string {
    return this.cookie;
  }

  request(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(this.base + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async json<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** The whole server on a free port over a fresh database, as a test's own instance. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = await freshDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-data-'));
  const adminPassword = 'admin-pass-123';
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'silent',
    SIP_PORT: '0',
    SIP_HOST: '127.0.0.1',
    ...env,
  });
  const running = await startServer(config, testLog);
  const url = `http://127.0.0.1:${running.port}`;
  return {
    ...running,
    url,
    database,
    dataDir,
    adminPassword,
    client: () => new ApiClient(url),
    stop: async () => {
      await running.close();
      await database.drop().catch(() => undefined);
    },
  };
}
