/** What a reply says about the prospect's interest, and which rule decided it. */
export interface ReplyClassification {
  label: 'positive' | 'negative' | 'neutral';
  rule: string;
}

/** A port: today keyword rules; a language model can implement it later behind the same token. */
export interface ReplyClassifier {
  classify(reply: { subject: string | null; text: string | null }): Promise<ReplyClassification>;
}

export const REPLY_CLASSIFIER = Symbol('REPLY_CLASSIFIER');

/**
 * Ordered rules, first match wins. Negative comes first because "not interested" contains
 * "interested". Documented in docs/SIGNALS.md.
 */
const RULES: { id: string; label: ReplyClassification['label']; pattern: RegExp }[] = [
  { id: 'negative.not_interested', label: 'negative', pattern: /\bnot (interested|a (good )?fit|the right time|now)\b|\bno thanks?\b|\bpass on this\b/i },
  { id: 'negative.stop', label: 'negative', pattern: /\b(unsubscribe|remove me|stop (emailing|contacting)|do not contact)\b/i },
  { id: 'negative.chose_other', label: 'negative', pattern: /\b(went|going) with (another|a different|a competitor)|\bchose (another|a different)\b/i },
  { id: 'negative.budget', label: 'negative', pattern: /\b(no budget|too expensive|can'?t afford)\b/i },
  {
    id: 'positive.meeting',
    label: 'positive',
    pattern:
      /\b(let'?s (talk|chat|meet|set up)|book (a|some) time|schedule (a )?(call|demo|meeting)|happy to (chat|talk|meet)|free (on|at|next)|available (on|at|next|this))\b/i,
  },
  {
    id: 'positive.interest',
    label: 'positive',
    pattern: /\b(interested|sounds (good|great)|love to|keen to|tell me more|send (me )?(more|the|pricing|details|a proposal))\b/i,
  },
  { id: 'positive.yes', label: 'positive', pattern: /^\s*(yes|yep|sure|absolutely|definitely)\b/i },
];

export const keywordReplyClassifier: ReplyClassifier = {
  async classify({ subject, text }) {
    const haystack = `${text ?? ''}\n${subject ?? ''}`;
    const rule = RULES.find((candidate) => candidate.pattern.test(haystack));
    return rule ? { label: rule.label, rule: rule.id } : { label: 'neutral', rule: 'neutral.no_rule_matched' };
  },
};
