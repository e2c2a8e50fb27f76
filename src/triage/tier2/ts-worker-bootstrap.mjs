// Starts the TypeScript worker when Earshot runs from source (tests, scripts under tsx): registers tsx's
// loader inside the worker thread, then imports the real entry. The built code (dist/) runs worker.js directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
