// Worker-thread entry of a large import's reader: TypeScript is loaded through tsx here too (a
// worker does not inherit the main thread's loader), then registry.parse.worker.ts does the work.
import { register } from 'tsx/esm/api';

register();
await import('./registry.parse.worker.ts');
