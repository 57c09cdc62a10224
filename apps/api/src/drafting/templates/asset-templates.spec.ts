import { renderAsset } from './asset-templates';
import { contextOf, moveOf } from '../../testing/draft-fixtures';

describe('renderAsset', () => {
  it('fits an X post into 280 characters, cut on a word boundary', () => {
    const title = `Gmail reply detection ships today, ${'and it sorts every reply by intent '.repeat(7)}`.trim();
    const post = renderAsset(contextOf(moveOf('social_post', { title, action_params: { channel: 'x' } })));
    expect(post).toMatchObject({ channel: 'x', maxLength: 280, title });
    expect(post.body.length).toBeLessThanOrEqual(280);
    expect(post.body.length).toBeGreaterThan(260);
    const kept = post.body.slice(0, -1);
    expect(post.body.endsWith('…')).toBe(true);
    expect(title.startsWith(kept)).toBe(true);
    expect(title[kept.length]).toBe(' ');
  });

  it('keeps a short X post whole and accepts "Twitter" for X', () => {
    const post = renderAsset(contextOf(moveOf('social_post', { title: 'Reply detection is live', action_params: { channel: 'Twitter' } })));
    expect(post).toMatchObject({
      channel: 'x',
      title: 'Reply detection is live',
      body: 'Reply detection is live. What would you like to see next?',
      maxLength: 280,
    });
  });

  it('writes a social post for every social channel, each within its own cap', () => {
    const title = `Gmail reply detection ships today, ${'and it sorts every reply by intent '.repeat(7)}`.trim();
    const post = renderAsset(contextOf(moveOf('social_post', { title })));
    expect(post.variants?.map((variant) => [variant.channel, variant.maxLength])).toEqual([
      ['x', 280],
      ['linkedin', 3000],
    ]);
    for (const variant of post.variants ?? []) expect(variant.body.length).toBeLessThanOrEqual(variant.maxLength ?? Infinity);
    expect(post.variants?.[0].body.length).toBeGreaterThan(260);
    expect(post.variants?.[1].body).toContain('Tell us in the comments.');
    expect(renderAsset(contextOf(moveOf('asset_create', { title }))).variants).toBeUndefined();
  });

  it('posts on LinkedIn (3,000 characters) unless another known channel is asked for', () => {
    const post = renderAsset(contextOf(moveOf('social_post', { title: 'Reply detection is live', action_params: { channel: 'myspace' } })));
    expect(post).toMatchObject({ channel: 'linkedin', maxLength: 3000 });
    expect(post.body).toContain('Tell us in the comments.');
  });

  it('outlines a blog post from repurposed content, with its source', () => {
    const move = moveOf('content_repurpose', {
      title: 'Pipeline hygiene, the webinar',
      company: 'Tidewater Bank',
      action_params: { context: { signal_label: 'Webinar had 212 attendees' } },
    });
    const post = renderAsset(contextOf(move));
    expect(post).toMatchObject({ channel: 'blog', maxLength: null, title: 'Pipeline hygiene, the webinar' });
    expect(post.body).toContain('Source: Webinar had 212 attendees.\n\nOutline\n1.');
    expect(post.body).toContain('2. What we learned from Tidewater Bank, with one concrete example.');
  });

  it('drafts a document brief for a new asset', () => {
    const asset = renderAsset(contextOf(moveOf('asset_create', { title: 'ROI one-pager for logistics', company: 'Cobalt Freight' })));
    expect(asset).toMatchObject({ channel: 'document', maxLength: null });
    expect(asset.body).toMatch(/^Brief: ROI one-pager for logistics\.\n\nAudience: teams like Cobalt Freight\n/);
  });

  it('titles the newsletter by the month in the operator zone and welcomes a new subscriber', () => {
    const move = moveOf('newsletter_draft', {
      contact_name: 'Ana Ilić',
      action_params: { rule: 'form.newsletter_signup', context: { signal_label: '23 trials started this week' } },
    });
    const now = new Date('2025-12-31T23:30:00Z');
    const berlin = renderAsset(contextOf(move, { now, timeZone: 'Europe/Berlin' }));
    expect(berlin.title).toBe('January 2026 newsletter');
    expect(renderAsset(contextOf(move, { now, timeZone: 'America/Los_Angeles' })).title).toBe('December 2025 newsletter');
    expect(berlin.body).toContain('- 23 trials started this week.');
    expect(berlin.body).toContain('A warm welcome to Ana Ilić and everyone else who joined us this month.');
  });

  it('refuses other action types', () => {
    expect(() => renderAsset(contextOf(moveOf('book_meeting')))).toThrow('No asset template for action type book_meeting');
  });
});
