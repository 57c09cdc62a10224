import { keywordReplyClassifier } from './reply-classifier';

const classify = (text: string, subject = 'Re: Quick question') => keywordReplyClassifier.classify({ subject, text });

describe('keywordReplyClassifier', () => {
  it.each([
    ["Thanks, but we're not interested right now.", 'negative', 'negative.not_interested'],
    ['Please remove me from your list', 'negative', 'negative.stop'],
    ['We went with another vendor last month', 'negative', 'negative.chose_other'],
    ['Sadly it is too expensive for us', 'negative', 'negative.budget'],
    ["Let's talk next week, I'm free on Tuesday", 'positive', 'positive.meeting'],
    ['Sounds great, send me pricing', 'positive', 'positive.interest'],
    ['Yes, go ahead', 'positive', 'positive.yes'],
    ['Got it, I will forward this to our CTO.', 'neutral', 'neutral.no_rule_matched'],
  ])('%s -> %s by %s', async (text, label, rule) => {
    expect(await classify(text)).toEqual({ label, rule });
  });

  it('reads the subject too', async () => {
    expect(await classify('', 'Re: not interested')).toEqual({ label: 'negative', rule: 'negative.not_interested' });
  });
});
