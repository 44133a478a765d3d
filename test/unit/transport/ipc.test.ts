/** The IPC transport against a fake ipcMain and fake windows: no Electron binary needed. */
import { describe, expect, it } from 'vitest';
import { createStubHost } from '../../support/stubHost';
import { APP_PAGE_URL, BUILT_APP_PAGE, devServerPage, isAppPageUrl } from '../../../main/security/appPage';
import {
  handleIpcInvoke,
  serveIpc,
  type EventTargetLike,
  type IpcInvokeEventLike,
  type IpcMainLike,
} from '../../../main/transport/ipc';
import type { Result } from '../../../shared/contract/result';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type EventMessage,
  type HostEndpoint,
} from '../../../shared/contract/wire';

const trusted = (url: string | undefined): boolean => isAppPageUrl(BUILT_APP_PAGE, url);
const APP_URL = APP_PAGE_URL;
const host = createStubHost({ version: '1.0.0', mode: 'electron' });

function from(url: string, parent: unknown = null): IpcInvokeEventLike {
  return { senderFrame: { url, parent } };
}

const appInfo = { kind: 'invoke', id: 1, method: 'app.info', params: {} };

describe('IPC: the sender check', () => {
  it('answers the app’s own top-level page', async () => {
    expect(await handleIpcInvoke(host, trusted, from(APP_URL), appInfo)).toEqual({
      ok: true,
      value: { name: 'TxLab', version: '1.0.0', mode: 'electron' },
    });
    expect(await handleIpcInvoke(host, trusted, from(`${APP_URL}#/lesson/2`), appInfo)).toMatchObject({ ok: true });
  });

  it.each([
    ['another file of the app', 'app://txlab/evil.html'],
    ['another app:// host', 'app://evil/index.html'],
    ['the app page with credentials', 'app://user:pw@txlab/index.html'],
    ['a local file', 'file:///opt/txlab/out/renderer/index.html'],
    ['a remote page', 'https://example.com/index.html'],
    ['a remote page at the same path', 'https://txlab/index.html'],
    ['about:blank', 'about:blank'],
    ['an empty URL', ''],
  ])('refuses %s', async (_name, url) => {
    expect(await handleIpcInvoke(host, trusted, from(url), appInfo)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', detail: 'UNTRUSTED_SENDER' },
    });
  });

  it('refuses a subframe, even one showing the app page', async () => {
    expect(await handleIpcInvoke(host, trusted, from(APP_URL, { url: APP_URL }), appInfo)).toMatchObject({
      ok: false,
      error: { detail: 'UNTRUSTED_SENDER' },
    });
  });

  it('refuses a sender whose frame is gone, or whose frame throws when read', async () => {
    expect(await handleIpcInvoke(host, trusted, { senderFrame: null }, appInfo)).toMatchObject({
      ok: false,
      error: { detail: 'UNTRUSTED_SENDER' },
    });
    const destroyed: IpcInvokeEventLike = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    expect(await handleIpcInvoke(host, trusted, destroyed, appInfo)).toMatchObject({
      ok: false,
      error: { detail: 'UNTRUSTED_SENDER' },
    });
  });

  it('trusts the dev server origin, and only it, in development', () => {
    const loaded = devServerPage('http://localhost:5173/');
    if (!loaded.ok) throw new Error(loaded.error.message);
    const dev = loaded.value;
    expect(isAppPageUrl(dev, 'http://localhost:5173/')).toBe(true);
    expect(isAppPageUrl(dev, 'http://localhost:5173/index.html?x=1')).toBe(true);
    expect(isAppPageUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isAppPageUrl(dev, 'http://127.0.0.1:5173/')).toBe(false);
    expect(isAppPageUrl(dev, APP_URL)).toBe(false);
    expect(isAppPageUrl(dev, 'not a url')).toBe(false);
  });
});

describe('IPC: dispatch', () => {
  it('validates the message: BAD_REQUEST with the path of the problem', async () => {
    expect(await handleIpcInvoke(host, trusted, from(APP_URL), { kind: 'invoke', id: 1, method: '' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', path: 'method' },
    });
    expect(await handleIpcInvoke(host, trusted, from(APP_URL), 'app.info')).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await handleIpcInvoke(host, trusted, from(APP_URL), undefined)).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('hands the view the page holds to the host, and refuses a malformed one', async () => {
    const seen: unknown[] = [];
    const recording: HostEndpoint = {
      invoke: (_method, _params, options) => {
        seen.push(options);
        return Promise.resolve({ ok: true, value: null });
      },
      subscribe: () => () => {},
    };
    await handleIpcInvoke(recording, trusted, from(APP_URL), { ...appInfo, knownView: 7 });
    await handleIpcInvoke(recording, trusted, from(APP_URL), appInfo);
    expect(seen).toEqual([{ knownView: 7 }, {}]);
    for (const knownView of [-1, 1.5, '7', null]) {
      expect(await handleIpcInvoke(recording, trusted, from(APP_URL), { ...appInfo, knownView })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST', path: 'knownView' },
      });
    }
    expect(seen).toHaveLength(2);
  });

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    expect(await handleIpcInvoke(host, trusted, from(APP_URL), { ...appInfo, method: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
  });

  it('never throws: a host that throws becomes INTERNAL', async () => {
    const broken: HostEndpoint = {
      invoke: () => Promise.reject(new TypeError('bug')),
      subscribe: () => () => {},
    };
    expect(await handleIpcInvoke(broken, trusted, from(APP_URL), appInfo)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', detail: 'TypeError: bug' },
    });
  });
});

describe('IPC: serving', () => {
  type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

  function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Listener> } {
    const handlers = new Map<string, Listener>();
    return {
      handlers,
      handle: (channel, listener) => {
        handlers.set(channel, listener);
      },
      removeHandler: (channel) => {
        handlers.delete(channel);
      },
    };
  }

  function fakeWindow(url: string): EventTargetLike & { received: [string, EventMessage][]; destroyed: boolean } {
    const window = {
      received: [] as [string, EventMessage][],
      destroyed: false,
      isDestroyed: () => window.destroyed,
      getURL: () => url,
      send: (channel: string, message: EventMessage) => {
        window.received.push([channel, message]);
      },
    };
    return window;
  }

  function eventHost(): HostEndpoint & { emit(event: EventMessage): void; count(): number } {
    const listeners = new Set<(event: EventMessage) => void>();
    return {
      invoke: (method, params) => host.invoke(method, params),
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit: (event) => listeners.forEach((listener) => listener(event)),
      count: () => listeners.size,
    };
  }

  it('handles the invoke channel and returns a Result', async () => {
    const ipcMain = fakeIpcMain();
    const stop = serveIpc({ ipcMain, host, isTrustedUrl: trusted, eventTargets: () => [] });
    const handler = ipcMain.handlers.get(IPC_INVOKE_CHANNEL);
    expect(handler).toBeDefined();
    const answer = (await handler!(from(APP_URL), appInfo)) as Result<unknown>;
    expect(answer).toMatchObject({ ok: true });
    const refused = (await handler!(from('https://example.com/'), appInfo)) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { detail: 'UNTRUSTED_SENDER' } });
    stop();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('pushes events to the app window only, skipping destroyed and foreign windows', () => {
    const events = eventHost();
    const app = fakeWindow(APP_URL);
    const gone = fakeWindow(APP_URL);
    gone.destroyed = true;
    const foreign = fakeWindow('https://example.com/');
    const stop = serveIpc({
      ipcMain: fakeIpcMain(),
      host: events,
      isTrustedUrl: trusted,
      eventTargets: () => [app, gone, foreign],
    });
    const event: EventMessage = { kind: 'event', event: 'chain.block', payload: { height: 1 } };
    events.emit(event);
    expect(app.received).toEqual([[IPC_EVENT_CHANNEL, event]]);
    expect(gone.received).toEqual([]);
    expect(foreign.received).toEqual([]);
    stop();
    expect(events.count()).toBe(0);
  });
});
