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
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const outcome = await Promise.race([client.quit().catch(() => 'failed' as const), timedOut]);
  clearTimeout(timer);
  if (outcome !== 'OK') client.disconnect();
}


/**
 * Whether a BullMQ queue or worker can reach Redis right now. Its client promise never settles
 * while a first connection is still pending, so a short wait counts as unreachable.
 */
export async function reachable(client: Promise<{ status: string }>, waitMs = 200): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const unsettled = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
  const answer = await Promise.race([client.then((connected) => connected.status === 'ready', () => false), unsettled]);
  clearTimeout(timer);
  return answer;
}
