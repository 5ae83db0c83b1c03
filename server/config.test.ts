import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('works with nothing set: SQLite under ./data, in-process jobs, port 3000, embedded telephony', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toMatch(/^sqlite:.*data\/callcentre\.sqlite$/);
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.HTTP_PORT).toBe(3000);
    expect(c.SIP_PORT).toBe(5060);
    expect(c.TELEPHONY_ENGINE).toBe('embedded');
    expect(c.PUBLIC_URL).toBe('http://localhost:3000');
    expect(c.LOG_LEVEL).toBe('info');
  });

  it('accepts MySQL and Redis URLs', () => {
    const c = loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/cc', REDIS_URL: 'redis://cache:6379', HTTP_PORT: '8080' });
    expect(c.DATABASE_URL).toBe('mysql://u:p@db:3306/cc');
    expect(c.HTTP_PORT).toBe(8080);
    expect(c.PUBLIC_URL).toBe('http://localhost:8080');
  });

  it.each([
    [{ HTTP_PORT: 'eighty' }, 'HTTP_PORT'],
    [{ SIP_PORT: '70000' }, 'SIP_PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ TLS_CERT_FILE: '/x.pem' }, 'TLS_KEY_FILE'],
    [{ RTP_PORT_MIN: '30000', RTP_PORT_MAX: '20000' }, 'RTP_PORT_MAX'],
  ])('refuses %o with one line naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain(`Invalid environment variable ${name}`);
      expect(message).not.toContain('\n');
    }
  });
});
