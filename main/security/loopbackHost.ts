/**
 * DNS rebinding: a page on evil.example whose name is re-pointed at 127.0.0.1 reaches a loopback
 * server as "same origin", but its requests still say `Host: evil.example:PORT`. Browser mode's
 * HTTP server and its WebSocket upgrade answer only the loopback names, on the port they listen on.
 */

/** `127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT` — and the bare names on port 80, where browsers omit it. */
export function loopbackAuthorities(port: number): readonly string[] {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const withPort = names.map((name) => `${name}:${port}`);
  return port === 80 ? [...withPort, ...names] : withPort;
}

/** The page origins that go with those names (the WebSocket's Origin check). */
export function loopbackOrigins(port: number): readonly string[] {
  return loopbackAuthorities(port).map((authority) => `http://${authority}`);
}

/** Host names are case-insensitive; anything else (another name, another port, none) is refused. */
export function isAllowedHost(host: string | undefined, allowed: readonly string[]): boolean {
  return host !== undefined && allowed.includes(host.toLowerCase());
}
