import { ACTIVITY_KINDS, type ActivityKind, type ActivityRunner, type GeneratedActivity } from './activity-kinds';
import { DEAL_ACTIVITIES } from './deal-activities';
import { MAIL_ACTIVITIES } from './mail-activities';
import { MEETING_ACTIVITIES } from './meeting-activities';
import type { SandboxWorld } from './sandbox-world';

const RUNNERS: Record<ActivityKind, ActivityRunner> = { ...DEAL_ACTIVITIES, ...MAIL_ACTIVITIES, ...MEETING_ACTIVITIES };

const WEIGHTED_KINDS: ActivityKind[] = [...ACTIVITY_KINDS, 'email_reply', 'email_reply', 'deal_stage_forward', 'deal_stage_forward', 'meeting_booked'];

/**
 * Applies activities to the world. Without explicit kinds a tick makes one to three random
 * changes, weighted towards the everyday ones (replies and stage moves).
 */
export function generateActivity(world: SandboxWorld, kinds?: ActivityKind[], count = 1): GeneratedActivity[] {
  const plan = kinds ?? world.random.sample(WEIGHTED_KINDS, world.random.int(1, 3));
  const results: GeneratedActivity[] = [];
  for (const kind of plan) {
    for (let i = 0; i < count; i++) {
      // Each change gets its own millisecond so their order is stable in every listing.
      const at = world.clock.now() + results.length;
      const outcome = RUNNERS[kind](world, at);
      results.push(typeof outcome === 'string' ? { kind, skipped: outcome } : outcome);
    }
  }
  return results;
}
