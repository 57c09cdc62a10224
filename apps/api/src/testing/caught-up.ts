/**
 * Polls until a run finds nothing left to read (the first sync included), so a poller test that
 * starts from here sees only what it makes itself, whichever tests ran before it.
 */
export async function pollUntilCaughtUp(poll: () => Promise<{ signals: number; truncated: boolean }>, maxRuns = 20): Promise<void> {
  for (let run = 0; run < maxRuns; run += 1) {
    const result = await poll();
    if (result.signals === 0 && !result.truncated) return;
  }
  throw new Error(`the poller did not catch up in ${maxRuns} runs`);
}
