import type { ActionType } from '@caseyos/contracts';
import { ASSET_ACTIONS, type AssetAction, CHANNELS, channelFor } from './asset-channels';
import { ASSET_COPY } from './asset-copy';
import type { DraftContext } from './draft-context';
import { readFacts } from './draft-facts';
import { assertResolved } from './draft-guard';
import { fill } from './fill';
import { formatMonth } from './format';
import { fitToLength, sentence } from './text';

export interface AssetDraft {
  channel: string;
  title: string;
  body: string;
  /** The channel's cap the body was cut to; null when it has none. */
  maxLength: number | null;
}

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
  const { maxLength, short } = CHANNELS[channel];
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
  const body = fill(short ? copy.short : copy.long, values);
  const draft = {
    title: action === 'newsletter_draft' ? `${month} newsletter` : topic,
    body: maxLength === null ? body : fitToLength(body, maxLength),
  };
  return { channel, ...assertResolved(draft, `asset for move ${ctx.move.id}`), maxLength };
}

function isAssetAction(action: ActionType): action is AssetAction {
  return (ASSET_ACTIONS as readonly ActionType[]).includes(action);
}
