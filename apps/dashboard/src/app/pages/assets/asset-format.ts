/** The channels CaseyOS drafts for, as the Assets page names them. */
export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  x: 'X',
  linkedin: 'LinkedIn',
  blog: 'Blog',
  newsletter: 'Newsletter',
  document: 'Document',
};

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}
