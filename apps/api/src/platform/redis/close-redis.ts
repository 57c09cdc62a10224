import type Redis from 'ioredis';

/**
 * Quits politely when connected; otherwise, or when QUIT gets no answer in time, drops the
 * connection. A client waiting to reconnect would hold QUIT in its offline queue until Redis
 * came back, and shutdown with it.
 */
export async function closeRedisClient(client: Redis, timeoutMs = 1000): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  const outcome = await settleWithin(client.quit(), timeoutMs, 'no answer');
  if (outcome !== 'OK') client.disconnect();
}

/**
 * Whether a BullMQ queue or worker can reach Redis right now. Its client promise never settles
 * while a first connection is still pending, so a short wait counts as unreachable.
 */
export function reachable(client: Promise<{ status: string }>, waitMs = 200): Promise<boolean> {
  return settleWithin(
    client.then((connected) => connected.status === 'ready'),
    waitMs,
    false,
  );
}

/** The promise's value, or `fallback` if it rejects or has not settled within `ms`. */
async function settleWithin<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  try {
    return await Promise.race([promise.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}
