#!/usr/bin/env node
// Prints the gzip size of every JS/CSS chunk in dist/web and the total gzip JS that the
// login route loads: the entry chunk, its static imports, and the lazy login page chunk
// with its own static imports (read from dist/web/.vite/manifest.json).
// Exits 1 when the login route JS exceeds LOGIN_BUDGET_KB.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LOGIN_BUDGET_KB = 240;
const LOGIN_PAGE_SOURCE = 'src/pages/login/LoginPage.tsx';

const distDir = fileURLToPath(new URL('../dist/web', import.meta.url));
const manifestPath = join(distDir, '.vite', 'manifest.json');

if (!existsSync(manifestPath)) {
  console.error(`report-bundle: ${relative(process.cwd(), manifestPath)} is missing; build the web app first.`);
  process.exit(1);
}

const gzipCache = new Map();
function gzipBytes(file) {
  if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length);
  return gzipCache.get(file);
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

function listAssets(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listAssets(path));
    else if (/\.(js|css)$/.test(entry.name)) out.push(relative(distDir, path));
  }
  return out;
}

// 1. Every chunk, largest first.
const assets = listAssets(distDir)
  .map((file) => ({ file, raw: readFileSync(join(distDir, file)).length, gzip: gzipBytes(file) }))
  .sort((a, b) => b.gzip - a.gzip);
const width = Math.max(...assets.map((a) => a.file.length));
console.log('Web bundle (dist/web), gzip level 9:');
for (const asset of assets) {
  console.log(`  ${asset.file.padEnd(width)}  ${kb(asset.raw).padStart(10)}  ${kb(asset.gzip).padStart(9)} gzip`);
}
const jsTotal = assets.filter((a) => a.file.endsWith('.js')).reduce((sum, a) => sum + a.gzip, 0);
const cssTotal = assets.filter((a) => a.file.endsWith('.css')).reduce((sum, a) => sum + a.gzip, 0);
console.log(`  all JS: ${kb(jsTotal)} gzip, all CSS: ${kb(cssTotal)} gzip, ${assets.length} files`);

// 2. What the login route loads.
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) {
  console.error('report-bundle: the manifest has no entry chunk.');
  process.exit(1);
}
if (!manifest[LOGIN_PAGE_SOURCE]) {
  console.error(`report-bundle: ${LOGIN_PAGE_SOURCE} is not a separate chunk; is the login page still lazy?`);
  process.exit(1);
}

const files = new Set();
function collect(key) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) collect(imported);
}
collect(entryKey);
collect(LOGIN_PAGE_SOURCE);

const loginJs = [...files].filter((f) => f.endsWith('.js'));
const loginCss = [...files].filter((f) => f.endsWith('.css'));
const loginJsGzip = loginJs.reduce((sum, f) => sum + gzipBytes(f), 0);
const loginCssGzip = loginCss.reduce((sum, f) => sum + gzipBytes(f), 0);

console.log('');
console.log(`Login route (${entryKey} + ${LOGIN_PAGE_SOURCE} and their static imports): ${loginJs.length} JS files`);
for (const file of loginJs.sort((a, b) => gzipBytes(b) - gzipBytes(a))) console.log(`  ${file.padEnd(width)}  ${kb(gzipBytes(file)).padStart(9)} gzip`);
console.log(`login route CSS: ${kb(loginCssGzip)} gzip`);
console.log(`login route JS: ${kb(loginJsGzip)} gzip (budget ${LOGIN_BUDGET_KB} kB)`);

if (loginJsGzip > LOGIN_BUDGET_KB * 1000) {
  console.error(`\nFAIL: the login route loads ${kb(loginJsGzip)} of gzip JS, over the ${LOGIN_BUDGET_KB} kB budget.`);
  process.exit(1);
}
