/**
 * exceljs, loaded with one fix. Its streaming reader (4.4) decodes every chunk of a zip entry on its
 * own (lib/utils/parse-sax.js), so a Chinese character whose three UTF-8 bytes straddle two chunks
 * turns into U+FFFD — in a 100,000-row roster, a few dozen names (exceljs issues #2063, #2084). Before
 * exceljs is first required, its parse-sax module is put in the require cache as the same generator
 * with a streaming UTF-8 decoder. Everything in this project imports ExcelJS from here, so this module
 * is always the first to load exceljs.
 */
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJSModule from 'exceljs';

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
type SaxesParser = {
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'opentag' | 'text' | 'closetag', listener: (value: unknown) => void): void;
  write(text: string): void;
};

const require = createRequire(import.meta.url);
const exceljsDir = path.dirname(require.resolve('exceljs/package.json'));
const fromExceljs = createRequire(path.join(exceljsDir, 'package.json'));
const parseSaxPath = fromExceljs.resolve('./lib/utils/parse-sax.js');

async function* parseSax(iterable: AsyncIterable<Buffer | string>): AsyncGenerator<SaxEvent[]> {
  const { SaxesParser: Parser } = fromExceljs('saxes') as { SaxesParser: new () => SaxesParser };
  const parser = new Parser();
  const decoder = new StringDecoder('utf8');
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (err) => {
    error = err;
  });
  for (const eventType of ['opentag', 'text', 'closetag'] as const) {
    parser.on(eventType, (value) => events.push({ eventType, value }));
  }
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.end();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

if (!require.cache[parseSaxPath]) {
  const patched = new Module(parseSaxPath);
  patched.filename = parseSaxPath;
  patched.loaded = true;
  patched.exports = parseSax;
  require.cache[parseSaxPath] = patched;
}

const ExcelJS = fromExceljs('exceljs') as typeof ExcelJSModule;
export default ExcelJS;
