import type { AssetAction } from './asset-channels';

/**
 * Keys: topic (a sentence), source ("Source: ...\n\n" or ""), fromCompany (" from Acme" or ""),
 * audience, month, highlight (a sentence), welcome (a sentence).
 * `short` is the one-paragraph form for short channels such as X.
 */
export const ASSET_COPY: Record<AssetAction, { long: string; short: string }> = {
  social_post: {
    long: `{{topic}}

We'd love to hear how this lands for your team. What would you like to see next? Tell us in the comments.`,
    short: '{{topic}} What would you like to see next?',
  },
  content_repurpose: {
    long: `Brief: {{topic}}

{{source}}Outline
1. The problem, in the reader's own words.
2. What we learned{{fromCompany}}, with one concrete example.
3. How to apply it this week, in three steps.
4. Where to go next, with a link to the original.`,
    short: '{{topic}} The full story is on our blog.',
  },
  newsletter_draft: {
    long: `Hello everyone,

Here is what happened on our side in {{month}}, and what comes next.

Highlights
- {{highlight}}
- A customer story worth five minutes of your time.
- One tip to get more out of the product.

{{welcome}}

Reply to this email any time: we read every answer.`,
    short: 'Our {{month}} newsletter is out. {{highlight}} Sign up to get the next one.',
  },
  asset_create: {
    long: `Brief: {{topic}}

{{source}}Audience: {{audience}}

Sections
1. The question this answers, in the buyer's words.
2. How we solve it, with one number or quote as proof.
3. Common objections, with short answers.
4. The next step: who to contact and how.`,
    short: '{{topic}} Ask us for the full version.',
  },
};
