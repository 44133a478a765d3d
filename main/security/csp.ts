/**
 * The renderer's Content-Security-Policy, in one place: the Electron session and the browser-mode
 * server send it as a header, and `renderer/index.html` carries the same policy in a meta tag
 * (a unit test keeps the two equal). No remote content, no eval, no inline scripts.
 */

export interface CspOptions {
  /** Where the policy is delivered. `frame-ancestors` only works in a header; in a meta tag Chromium ignores it with a console error. */
  readonly delivery: 'header' | 'meta';
  /** Vite's dev server needs an inline React Refresh preamble and a WebSocket for hot reload. */
  readonly devServerOrigin?: string;
}

export function contentSecurityPolicy(options: CspOptions): string {
  const dev = options.devServerOrigin;
  const directives: [string, string][] = [
    ['default-src', "'none'"],
    ['script-src', dev ? "'self' 'unsafe-inline'" : "'self'"],
    // MUI (emotion) and React Flow write styles at run time.
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self' data:"],
    // 'self' covers ws:// on the same host and port (browser mode's WebSocket).
    ['connect-src', dev ? `'self' ${dev.replace(/^http/, 'ws')}` : "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  if (options.delivery === 'header') directives.push(['frame-ancestors', "'none'"]);
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Headers sent with every page and asset of the app (Electron session and browser-mode server). */
export function securityHeaders(options: { devServerOrigin?: string } = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ delivery: 'header', ...options }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
