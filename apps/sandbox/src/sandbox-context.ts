import { FaultQueue } from './faults/fault-queue';
import { HubspotRateLimiter } from './hubspot/hubspot-rate-limiter';
import type { SandboxSettings } from './sandbox-settings';
import { OAuthGrantStore } from './world/oauth-grant-store';
import { SandboxClock } from './world/sandbox-clock';
import type { SandboxWorld } from './world/sandbox-world';
import { seedWorld } from './world/world-seed';

/** The sandbox's whole state. Routes read `world` on every request because reset replaces it. */
export interface SandboxContext {
  settings: SandboxSettings;
  clock: SandboxClock;
  world: SandboxWorld;
  faults: FaultQueue;
  hubspotGrants: OAuthGrantStore;
  googleGrants: OAuthGrantStore;
  hubspotLimiter: HubspotRateLimiter;
  /** Chat completions answered (ids of the answers). */
  llmRequests: number;
  /** Reseeds the world and clears pending faults; issued OAuth tokens stay valid. */
  reset(seed?: number): void;
}

export function createSandboxContext(settings: SandboxSettings): SandboxContext {
  const clock = new SandboxClock();
  const seed = (seedValue: number, minHistoryId: number) =>
    seedWorld({ seed: seedValue, clock, minHistoryId, gmailHistoryRetention: () => settings.gmailHistoryRetention });
  const context: SandboxContext = {
    settings,
    clock,
    world: seed(settings.seed, 0),
    faults: new FaultQueue(),
    hubspotGrants: new OAuthGrantStore({ code: 'hs-code-', access: 'hs-at-', refresh: 'hs-rt-' }, clock),
    googleGrants: new OAuthGrantStore({ code: '4/sandbox-', access: 'ya29.sandbox-', refresh: '1//sandbox-' }, clock),
    hubspotLimiter: new HubspotRateLimiter(),
    llmRequests: 0,
    reset(seedValue = settings.seed) {
      context.world = seed(seedValue, context.world.mailbox.historyId);
      context.faults.clear();
    },
  };
  return context;
}
