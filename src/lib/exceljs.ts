// exceljs, with one upstream bug fixed: its SAX feeder decodes each stream chunk to text on
// its own (lib/utils/parse-sax.js), so a Chinese character whose UTF-8 bytes straddle two
// chunks turns into "���" when a large workbook is read with the streaming reader. We put a
// corrected parse-sax in Node's module cache before exceljs loads, so every exceljs module
// that requires it gets this one. Every import of exceljs in the app goes through here.
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import type ExcelJSType from 'exceljs';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('exceljs/package.json'));
const parseSaxPath = join(root, 'lib/utils/parse-sax.js');

function installParseSax() {
  // saxes as exceljs itself resolves it.
  const { SaxesParser } = createRequire(parseSaxPath)('saxes');
  type Event = { eventType: string; value: unknown };
  async function* parseSax(iterable: AsyncIterable<Uint8Array | string>) {
    const parser = new SaxesParser();
    let error: unknown;
    parser.on('error', (err: unknown) => {
      error = err;
    });
    let events: Event[] = [];
    parser.on('opentag', (value: unknown) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value: unknown) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value: unknown) => events.push({ eventType: 'closetag', value }));
    // The fix: one streaming decoder keeps a split multi-byte character until its last byte.
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.decode();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }
  const mod = new Module(parseSaxPath);
  mod.filename = parseSaxPath;
  mod.loaded = true;
  mod.exports = parseSax;
  require.cache[parseSaxPath] = mod;
}

if (!require.cache[parseSaxPath]) installParseSax();
const ExcelJS: typeof ExcelJSType = require('exceljs');
export default ExcelJS;
