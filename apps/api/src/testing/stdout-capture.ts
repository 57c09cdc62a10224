/**
 * Collects what the app logs: pino writes JSON lines through process.stdout once its `write`
 * has been replaced, so capturing must start before the app boots. Captured text is not echoed.
 */
export class StdoutCapture {
  private readonly chunks: string[] = [];
  private readonly original = process.stdout.write.bind(process.stdout);

  static start(): StdoutCapture {
    const capture = new StdoutCapture();
    process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
      capture.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((arg): arg is () => void => typeof arg === 'function');
      done?.();
      return true;
    };
    return capture;
  }

  get text(): string {
    return this.chunks.join('');
  }

  stop(): void {
    process.stdout.write = this.original;
  }
}
