// Worker-thread entry of a stored evaluation: TypeScript is loaded through tsx here too (a
// worker does not inherit the main thread's loader), then cultivation.worker.ts does the work.
import { register } from 'tsx/esm/api';

register();
await import('./cultivation.worker.ts');
