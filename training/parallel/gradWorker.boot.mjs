// Worker-thread entry: registers tsx's TypeScript loader in this thread, then starts the worker.
// (Loader flags given to the main process do not reach worker threads reliably on Node 20.)
import { register } from 'tsx/esm/api';

register();
await import('./gradWorker.ts');
