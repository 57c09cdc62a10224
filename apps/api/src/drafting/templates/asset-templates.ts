import type { ActionType } from '@caseyos/contracts';
import { ASSET_ACTIONS, type AssetAction, CHANNELS, type Channel, channelFor } from './asset-channels';
import { ASSET_COPY } from './asset-copy';
import type { DraftContext } from './draft-context';
import { readFacts } from './draft-facts';
import { assertResolved } from './draft-guard';
import { fill } from './fill';
import { formatMonth } from './format';
import { fitToLength, sentence } from './text';
import { shapeParagraphs, voiceOf } from './voice';

export interface ChannelVariant {
  channel: Channel;
  body: string;
  maxLength: number | null;
}

export interface AssetDraft {
  channel: string;
  title: string;
  body: string;
  /** The channel's cap the body was cut to; null when it has none. */
  maxLength: number | null;
  /** For social posts: the post for each social channel, each within its own cap. */
  variants?: ChannelVariant[];
}

/** The channels a social post is written for, each in its own form. */
export const SOCIAL_CHANNELS: readonly Channel[] = ['x', 'linkedin'];

const DEFAULT_TOPIC: Record<AssetAction, string> = {
  social_post: 'News from our team',
  content_repurpose: 'What we learned this month',
  newsletter_draft: 'This month in brief',
  asset_create: 'A one-page guide for buyers',
};

/** A marketing draft for the move's channel, its body cut to the channel's length cap. */
export function renderAsset(ctx: DraftContext): AssetDraft {
  const action = ctx.move.action_type;
  if (!isAssetAction(action)) throw new Error(`No asset template for action type ${action}`);
  const facts = readFacts(ctx.move);
  const channel = channelFor(action, facts.channel);
  const month = formatMonth(ctx.now, ctx.timeZone);
  const topic = facts.signal.subject ?? facts.title ?? DEFAULT_TOPIC[action];
  const welcomed = facts.rule === 'form.newsletter_signup' ? facts.contactName : null;
  const values = {
    topic: sentence(topic),
    source: facts.signal.label ? `Source: ${sentence(facts.signal.label)}\n\n` : '',
    fromCompany: facts.company ? ` from ${facts.company}` : '',
    audience: facts.company ? `teams like ${facts.company}` : 'our prospects and customers',
    month,
    highlight: sentence(facts.signal.label ?? facts.signal.subject ?? 'The product changes we shipped this month'),
    welcome: `A warm welcome to ${welcomed ? `${welcomed} and everyone else` : 'everyone'} who joined us this month.`,
  };
  const copy = ASSET_COPY[action];
  // Marketing copy keeps its length; only the phrases to avoid apply to it.
  const voice = { ...voiceOf(ctx), length: 'medium' as const, phrasesToUse: [] };
  const bodyFor = (target: Channel) => {
    const { maxLength, short } = CHANNELS[target];
    const body = shapeParagraphs(fill(short ? copy.short : copy.long, values).split('\n\n'), voice).join('\n\n');
    return maxLength === null ? body : fitToLength(body, maxLength);
  };
  const what = `asset for move ${ctx.move.id}`;
  const draft = assertResolved({ title: action === 'newsletter_draft' ? `${month} newsletter` : topic, body: bodyFor(channel) }, what);
  const variants =
    action === 'social_post'
      ? SOCIAL_CHANNELS.map((target) => ({
          channel: target,
          body: assertResolved({ body: bodyFor(target) }, what).body,
          maxLength: CHANNELS[target].maxLength,
        }))
      : undefined;
  return { channel, ...draft, maxLength: CHANNELS[channel].maxLength, ...(variants ? { variants } : {}) };
}

function isAssetAction(action: ActionType): action is AssetAction {
  return (ASSET_ACTIONS as readonly ActionType[]).includes(action);
}
