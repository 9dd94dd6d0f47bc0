/**
 * `node:stream/web` for the functions' bundles, loaded on first use. `@middy/core` imports
 * `ReadableStream` at the top of its module for streamed responses, which these functions never
 * send; loading Node's web streams costs about 2 ms of every cold start (a twentieth of loading a
 * bundle). The bundle flags alias the module to this file (nx.json, `bundle` target defaults), so
 * the name is resolved from Node only when some code reads it.
 *
 * `stream/web` without the `node:` prefix: the alias must not turn this require into itself.
 */
'use strict';

const NAMES = [
  'ReadableStream',
  'ReadableStreamDefaultReader',
  'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest',
  'ReadableByteStreamController',
  'ReadableStreamDefaultController',
  'TransformStream',
  'TransformStreamDefaultController',
  'WritableStream',
  'WritableStreamDefaultWriter',
  'WritableStreamDefaultController',
  'ByteLengthQueuingStrategy',
  'CountQueuingStrategy',
  'TextEncoderStream',
  'TextDecoderStream',
  'CompressionStream',
  'DecompressionStream',
];

let webStreams;
const load = () => (webStreams ??= require('stream/web'));

for (const name of NAMES) {
  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });
}
