// Entry of a training worker thread: TypeScript through tsx's loader (as bin/transferbench.js does),
// then the worker proper.
import { register } from 'tsx/esm/api';

register();
await import('./train-worker.ts');
