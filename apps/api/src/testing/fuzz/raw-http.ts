import { connect } from 'node:net';

/**
 * One HTTP/1.1 request written byte for byte to a socket of its own. No client library would send
 * what the fuzzer needs to (a NUL in a header, a path that is not UTF-8, a body that is not text),
 * nor say exactly how a connection ended.
 */
export interface RawRequest {
  method: string;
  /** The request target as written on the wire: path and query, already percent-encoded (or not). */
  target: string;
  headers: [string, string][];
  body?: Buffer;
}

export type RawOutcome =
  | { kind: 'answered'; status: number; headers: Record<string, string>; body: Buffer; streamed: boolean }
  | { kind: 'dropped'; reason: string; received: string }
  | { kind: 'timeout'; received: string };

/** Sends the request and reads one whole response (or, for an event stream, its head). */
export function sendRaw(host: string, port: number, request: RawRequest, timeoutMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    const reader = new ResponseReader(request.method);
    let settled = false;
    const settle = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ kind: 'timeout', received: reader.preview() }), timeoutMs);
    socket.on('connect', () => socket.write(serialize(host, port, request)));
    socket.on('data', (chunk: Buffer) => {
      const response = reader.add(chunk);
      if (response) settle({ kind: 'answered', ...response });
    });
    // A close after a close-delimited body completes it; any other close or error before a whole
    // response is a dropped connection.
    socket.on('end', () => {
      const response = reader.atEnd();
      settle(response ? { kind: 'answered', ...response } : { kind: 'dropped', reason: 'closed before a whole response', received: reader.preview() });
    });
    socket.on('error', (error) => settle({ kind: 'dropped', reason: error.message, received: reader.preview() }));
    socket.on('close', () => settle({ kind: 'dropped', reason: 'closed before a whole response', received: reader.preview() }));
  });
}

function serialize(host: string, port: number, request: RawRequest): Buffer {
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `host: ${host}:${port}`, ...request.headers.map(([name, value]) => `${name}: ${value}`)];
  if (request.body) lines.push(`content-length: ${request.body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), request.body ?? Buffer.alloc(0)]);
}

interface Response {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  streamed: boolean;
}

/** Reads HTTP/1.1 framing: informational answers skipped, then Content-Length, chunked, or until close. */
class ResponseReader {
  private received = Buffer.alloc(0);
  private head?: { status: number; headers: Record<string, string>; bodyStart: number };

  constructor(private readonly method: string) {}

  add(chunk: Buffer): Response | undefined {
    this.received = Buffer.concat([this.received, chunk]);
    if (!this.head && !this.readHead()) return undefined;
    return this.complete();
  }

  atEnd(): Response | undefined {
    if (!this.head) return undefined;
    const { headers } = this.head;
    const delimitedByClose = headers['content-length'] === undefined && !/chunked/i.test(headers['transfer-encoding'] ?? '');
    return this.complete() ?? (delimitedByClose ? this.response(this.received.subarray(this.head.bodyStart)) : undefined);
  }

  preview(): string {
    return this.received.subarray(0, 300).toString('latin1');
  }

  private readHead(): boolean {
    for (;;) {
      const end = this.received.indexOf('\r\n\r\n');
      if (end < 0) return false;
      const lines = this.received.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0])?.[1] ?? NaN);
      if (status >= 100 && status < 200) {
        this.received = this.received.subarray(end + 4); // 100 Continue and the like
        continue;
      }
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      this.head = { status, headers, bodyStart: end + 4 };
      return true;
    }
  }

  private complete(): Response | undefined {
    const { status, headers, bodyStart } = this.head!;
    const body = this.received.subarray(bodyStart);
    if (this.method === 'HEAD' || status === 204 || status === 304) return this.response(Buffer.alloc(0));
    if ((headers['content-type'] ?? '').startsWith('text/event-stream')) return this.response(body, true);
    if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const decoded = dechunk(body);
      return decoded ? this.response(decoded) : undefined;
    }
    if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      return body.length >= length ? this.response(body.subarray(0, length)) : undefined;
    }
    return undefined; // delimited by the close
  }

  private response(body: Buffer, streamed = false): Response {
    return { status: this.head!.status, headers: this.head!.headers, body, streamed };
  }
}

/** The body of a complete chunked encoding, or undefined while chunks are still to come. */
function dechunk(encoded: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let position = 0;
  for (;;) {
    const lineEnd = encoded.indexOf('\r\n', position);
    if (lineEnd < 0) return undefined;
    const size = parseInt(encoded.subarray(position, lineEnd).toString('latin1').split(';')[0], 16);
    if (Number.isNaN(size)) return undefined;
    const dataStart = lineEnd + 2;
    if (size === 0) return encoded.indexOf('\r\n', dataStart) >= 0 ? Buffer.concat(parts) : undefined;
    if (encoded.length < dataStart + size + 2) return undefined;
    parts.push(encoded.subarray(dataStart, dataStart + size));
    position = dataStart + size + 2;
  }
}
