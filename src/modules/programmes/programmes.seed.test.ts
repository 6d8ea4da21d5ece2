// The demo seed runs on a small demo registry, quickly, once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/demo.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { listCalls } from './calls.service.ts';
import { programmeProjects } from './programmes.schema.ts';
import { seedProgrammesDemo } from './programmes.seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { DATA_DIR: mkdtempSync(join(tmpdir(), 'programmes-seed-')) } });
  await seedDemo(t.ctx, { count: 20 });
});
afterAll(() => t.close());

describe('programmes demo seed', () => {
  it('seeds calls, a challenge, a contest round and a paid project, once', async () => {
    const started = Date.now();
    expect(await seedProgrammesDemo(t.ctx)).toContain('5 calls');
    expect(Date.now() - started).toBeLessThan(15_000);
    const calls = await listCalls(t.ctx, { public: true });
    expect(calls.map((c) => c.kind).sort()).toEqual(['contest', 'future_industry', 'industry_academia', 'major_research', 'open_challenge']);
    expect(calls.every((c) => c.synthetic && c.title.includes('示例'))).toBe(true);
    const [p] = await t.ctx.db.select().from(programmeProjects);
    expect(p.status).toBe('active');
    expect(await seedProgrammesDemo(t.ctx)).toBeNull();
  });
});
