#!/usr/bin/env node
// Prints the gzip size of every JS/CSS chunk in dist/web, the total gzip JS that the login
// route loads (the entry chunk, its static imports, and the lazy login page chunk with its own
// static imports), and for every lazy chunk (each page, module and layout loaded with import())
// the JS it adds beyond the entry: its chunk plus its static imports that the entry does not
// already load. All read from dist/web/.vite/manifest.json.
// Exits 1 when the login route or a lazy chunk exceeds its budget in web/bundle-budgets.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const budgets = JSON.parse(readFileSync(new URL('../web/bundle-budgets.json', import.meta.url), 'utf8'));
const LOGIN_BUDGET_KB = budgets.loginRouteKb;
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

/** Adds a chunk's file, its CSS and (recursively) its static imports to `files`. */
function collect(key, files) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) collect(imported, files);
  return files;
}
const entryFiles = collect(entryKey, new Set());
const files = collect(LOGIN_PAGE_SOURCE, new Set(entryFiles));

const loginJs = [...files].filter((f) => f.endsWith('.js'));
const loginCss = [...files].filter((f) => f.endsWith('.css'));
const loginJsGzip = loginJs.reduce((sum, f) => sum + gzipBytes(f), 0);
const loginCssGzip = loginCss.reduce((sum, f) => sum + gzipBytes(f), 0);

console.log('');
console.log(`Login route (${entryKey} + ${LOGIN_PAGE_SOURCE} and their static imports): ${loginJs.length} JS files`);
for (const file of loginJs.sort((a, b) => gzipBytes(b) - gzipBytes(a))) console.log(`  ${file.padEnd(width)}  ${kb(gzipBytes(file)).padStart(9)} gzip`);
console.log(`login route CSS: ${kb(loginCssGzip)} gzip`);
console.log(`login route JS: ${kb(loginJsGzip)} gzip (budget ${LOGIN_BUDGET_KB} kB)`);

const failures = [];
if (loginJsGzip > LOGIN_BUDGET_KB * 1000) failures.push(`the login route loads ${kb(loginJsGzip)} of gzip JS, over its ${LOGIN_BUDGET_KB} kB budget`);

// 3. Every lazy chunk: the JS it adds beyond the entry. A route inside a lazy layout (the shell,
// the public portal) also loads that layout's chunk, reported on its own line.
const lazyKeys = Object.keys(manifest).filter((key) => manifest[key].isDynamicEntry).sort();
const unknown = Object.keys(budgets.lazyKb).filter((key) => !manifest[key]?.isDynamicEntry);
const keyWidth = Math.max(...lazyKeys.map((key) => key.length));
console.log('');
console.log(`Lazy chunks: gzip JS beyond the entry (budgets: web/bundle-budgets.json, ${budgets.defaultLazyKb} kB where none is set)`);
for (const key of lazyKeys) {
  const added = [...collect(key, new Set())].filter((f) => f.endsWith('.js') && !entryFiles.has(f));
  const bytes = added.reduce((sum, f) => sum + gzipBytes(f), 0);
  const budget = budgets.lazyKb[key] ?? budgets.defaultLazyKb;
  const over = bytes > budget * 1000;
  console.log(`  ${key.padEnd(keyWidth)}  ${kb(bytes).padStart(9)}  / ${String(budget).padStart(3)} kB  ${added.length} files${over ? '  OVER' : ''}`);
  if (over) failures.push(`${key} adds ${kb(bytes)} of gzip JS, over its ${budget} kB budget`);
}
// A budget for a chunk that no longer exists is a stale entry (renamed or no longer lazy).
for (const key of unknown) failures.push(`web/bundle-budgets.json sets a budget for ${key}, which is not a lazy chunk`);

if (failures.length) {
  console.error(`\nFAIL:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
