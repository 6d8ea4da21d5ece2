#!/usr/bin/env node
// Builds the web app into dist/web only when it is missing or older than its sources (any
// file under web/, or package-lock.json after a dependency change), then reports the bundle
// sizes and checks the login route budget (scripts/report-bundle.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = join(root, 'dist/web/index.html');

/** The newest file under dir: { path, mtimeMs }. */
function newestFile(dir) {
  let newest = { path: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestFile(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

function reasonToBuild() {
  if (!existsSync(builtIndex)) return 'dist/web/index.html is missing';
  const builtAt = statSync(builtIndex).mtimeMs;
  const sources = [newestFile(join(root, 'web'))];
  const lockfile = join(root, 'package-lock.json');
  if (existsSync(lockfile)) sources.push({ path: lockfile, mtimeMs: statSync(lockfile).mtimeMs });
  const newer = sources.find((source) => source.mtimeMs > builtAt);
  return newer ? `${relative(root, newer.path)} is newer than the build` : null;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const reason = reasonToBuild();
if (reason) {
  console.log(`ensure-web-build: building the web app (${reason}).`);
  run(join(root, 'node_modules/.bin/vite'), ['build', '--config', 'web/vite.config.ts']);
} else {
  console.log('ensure-web-build: dist/web is up to date.');
}
run(process.execPath, [join(root, 'scripts/report-bundle.mjs')]);
