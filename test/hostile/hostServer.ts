/**
 * Browser mode for the hostile-file suite: the real host in its worker thread with its own data
 * folder, serving browser mode itself (as `npm run web` runs it) on loopback with this launch's token. Only the
 * page is a placeholder (the suite talks to the WebSocket, as the page would), so no renderer
 * build is needed.
 *
 *   node hostServer.js DATA_DIR PAGE_DIR
 *
 * Prints, like `npm run web`, one line with the URL and its token, then one with this process's id.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWorkerHost } from '../../main/host/workerHost';

async function main(): Promise<void> {
  const [dataDir, pageDir] = process.argv.slice(2);
  if (!dataDir || !pageDir) throw new Error('usage: hostServer DATA_DIR PAGE_DIR');
  writeFileSync(join(pageDir, 'index.html'), '<!doctype html><title>TxLab</title>\n');
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const started = await startWorkerHost({
    dataDir,
    mode: 'browser',
    version: '0.0.0-hostile',
    seed: 7,
    log,
    web: { rendererDir: pageDir },
  });
  if (!started.ok) throw new Error(started.error.message);
  const host = started.value;
  const web = host.web;
  if (!web) throw new Error('the host started without its web server');
  process.stdout.write(`TxLab (browser mode): ${web.url}\npid ${process.pid}\n`);
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`hostServer: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
