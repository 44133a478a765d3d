// Running from source (tsx): register tsx's loader in this worker, then start the TypeScript entry.
// Node 20 workers do not honour `--import` in execArgv, hence this small bootstrap.
import { register } from 'tsx/esm/api';

register();
await import('./hostWorker.ts');
