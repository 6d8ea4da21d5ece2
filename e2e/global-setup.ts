// Once per e2e run: start a server on an empty data directory and stop it, so that every
// journey file starts on a copy of that directory with the first start (migrations, demo data,
// evaluation) already done. The first-start path itself is what this run exercises.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.E2E_BASE_URL || !existsSync(join(ROOT, 'dist/web/index.html'))) {
    project.provide('e2eTemplate', '');
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'luchuang-e2e-template-'));
  const server = await startServer({ dataDir, keepData: true });
  await server.stop();
  project.provide('e2eTemplate', dataDir);
  return () => rmSync(dataDir, { recursive: true, force: true });
}
