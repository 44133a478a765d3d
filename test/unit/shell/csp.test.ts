import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../../main/security/csp';

const root = join(import.meta.dirname, '..', '..', '..');

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('Content-Security-Policy', () => {
  it('index.html carries exactly the meta policy of csp.ts', () => {
    const html = readFileSync(join(root, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy({ delivery: 'meta' }));
  });

  it('allows only the app’s own scripts: no inline script, no eval, nothing remote', () => {
    for (const delivery of ['meta', 'header'] as const) {
      const policy = directives(contentSecurityPolicy({ delivery }));
      expect(policy.get('default-src')).toBe("'none'");
      expect(policy.get('script-src')).toBe("'self'");
      expect(policy.get('connect-src')).toBe("'self'");
      expect(policy.get('object-src')).toBe("'none'");
      expect(policy.get('base-uri')).toBe("'none'");
      for (const value of policy.values()) {
        expect(value).not.toMatch(/unsafe-eval|https?:|\*/);
      }
    }
  });

  it('puts frame-ancestors in the header only (a meta tag cannot carry it)', () => {
    expect(directives(contentSecurityPolicy({ delivery: 'header' })).get('frame-ancestors')).toBe("'none'");
    expect(directives(contentSecurityPolicy({ delivery: 'meta' })).has('frame-ancestors')).toBe(false);
    expect(securityHeaders()['Content-Security-Policy']).toBe(contentSecurityPolicy({ delivery: 'header' }));
    expect(securityHeaders()['X-Content-Type-Options']).toBe('nosniff');
  });

  it('relaxes only what Vite’s dev server needs, and only when asked', () => {
    const dev = directives(contentSecurityPolicy({ delivery: 'header', devServerOrigin: 'http://localhost:5173' }));
    expect(dev.get('script-src')).toBe("'self' 'unsafe-inline'");
    expect(dev.get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(dev.get('script-src')).not.toContain('unsafe-eval');
  });
});
