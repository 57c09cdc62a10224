import type { ActionType } from '@caseyos/contracts';

export type AssetAction = Extract<ActionType, 'content_repurpose' | 'social_post' | 'newsletter_draft' | 'asset_create'>;
export const ASSET_ACTIONS: readonly AssetAction[] = ['content_repurpose', 'social_post', 'newsletter_draft', 'asset_create'];

export type Channel = 'x' | 'linkedin' | 'blog' | 'newsletter' | 'document';

export interface ChannelSpec {
  /** Longest body the channel takes, in UTF-16 units (never fewer than X counts); null for long-form media. */
  maxLength: number | null;
  /** Short-form channels get a one-paragraph body instead of an outline. */
  short: boolean;
}

/** X caps posts at 280 characters and LinkedIn at 3,000; blogs, newsletters and documents have no cap. */
export const CHANNELS: Readonly<Record<Channel, ChannelSpec>> = {
  x: { maxLength: 280, short: true },
  linkedin: { maxLength: 3000, short: false },
  blog: { maxLength: null, short: false },
  newsletter: { maxLength: null, short: false },
  document: { maxLength: null, short: false },
};

const ALIASES: ReadonlyMap<string, Channel> = new Map<string, Channel>([['twitter', 'x']]);

const DEFAULT_CHANNEL: Record<AssetAction, Channel> = {
  social_post: 'linkedin',
  content_repurpose: 'blog',
  newsletter_draft: 'newsletter',
  asset_create: 'document',
};

/** The requested channel when it is one we know, else the action type's usual one. */
export function channelFor(action: AssetAction, requested: string | null): Channel {
  if (requested === null) return DEFAULT_CHANNEL[action];
  if (isChannel(requested)) return requested;
  return ALIASES.get(requested) ?? DEFAULT_CHANNEL[action];
}

function isChannel(name: string): name is Channel {
  return Object.hasOwn(CHANNELS, name);
}
