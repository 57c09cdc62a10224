import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import zlib, { BrotliOptions, ZlibOptions, constants } from 'node:zlib';

/**
 * Below this a body is sent as it is: a response under 1 kB fits in one or two packets with its
 * headers, and compressing it saves a few hundred bytes for a fixed cost per call.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Compressed on the event loop up to this size (larger bodies stream through the thread pool).
 * It covers today's list (~70 kB for 50 moves), so shared bodies are compressed once (below).
 */
const SYNC_COMPRESSION_MAX_BYTES = 256 * 1024;

/**
 * Per-request bodies: the fastest settings. Measured on today's 50 moves (69 kB of JSON) on the
 * 2-core VM: Brotli quality 1 gives 8.3 kB in ~0.1 ms, quality 4 (the plugin's default) 7.2 kB
 * in ~0.45 ms; gzip level 1 gives 9.6 kB in ~0.23 ms, level 6 7.9 kB in ~0.6 ms.
 */
const PER_REQUEST: { br: BrotliOptions; gzip: ZlibOptions } = {
  br: { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } },
  gzip: { level: 1 },
};

/** Bodies many requests share are compressed once each, so they can afford more (6.7 kB, ~0.6 ms). */
const SHARED: { br: BrotliOptions; gzip: ZlibOptions } = {
  br: { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } },
  gzip: { level: 6 },
};

type Encoding = keyof typeof SHARED;

/** The compressed copies of each shared body, dropped with the body. */
const compressedCopies = new WeakMap<Buffer, Partial<Record<Encoding, Buffer>>>();

/**
 * Marks a JSON body that many responses send unchanged (a cached result): each encoding of it is
 * computed once, on first request, and reused for as long as the body lives.
 */
export function sharedBody(json: string): Buffer {
  const body = Buffer.from(json);
  compressedCopies.set(body, {});
  return body;
}

function compress(encoding: Encoding, input: Buffer, options: BrotliOptions & ZlibOptions): Buffer {
  return encoding === 'br' ? zlib.brotliCompressSync(input, options) : zlib.gzipSync(input, options);
}

function compressor(encoding: Encoding) {
  return (input: Buffer): Buffer => {
    const copies = compressedCopies.get(input);
    if (!copies) return compress(encoding, input, PER_REQUEST[encoding]);
    return (copies[encoding] ??= compress(encoding, input, SHARED[encoding]));
  };
}

/**
 * Brotli or gzip as the client's Accept-Encoding prefers, for every response over the threshold
 * (@fastify/compress adds Vary: Accept-Encoding). Responses that already carry a Content-Encoding
 * (the dashboard's pre-compressed files) pass untouched; the event stream writes to the socket
 * itself and is never buffered. Request bodies are not decompressed: the API takes plain JSON.
 * Registered before the routes, which it hooks as they are added.
 */
export async function compressResponses(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    syncThreshold: SYNC_COMPRESSION_MAX_BYTES,
    brotliOptions: PER_REQUEST.br,
    zlibOptions: PER_REQUEST.gzip,
    // The synchronous compressors, with the shared bodies' copies; streams use node:zlib's own.
    zlib: { brotliCompressSync: compressor('br'), gzipSync: compressor('gzip') },
    globalDecompression: false,
  });
}
