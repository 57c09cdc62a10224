import { DEFAULT_VOICE, type DraftContext, type Voice } from './draft-context';
import type { DraftFacts } from './draft-facts';
import { sentence } from './text';

/** The context's voice, or today's wording. */
export function voiceOf(ctx: DraftContext): Voice {
  return ctx.voice ?? DEFAULT_VOICE;
}

/** The profile's greeting for this contact: "{first_name}" and "{name}" become "there" when unknown. */
export function greetingFor(voice: Voice, facts: Pick<DraftFacts, 'firstName' | 'contactName'>): string {
  return voice.greeting.replace(/\{first_name\}/g, facts.firstName ?? 'there').replace(/\{name\}/g, facts.contactName ?? 'there');
}

/** The sign-off above the sender's name; alone when the sender is unknown. */
export function signOffFor(voice: Voice, sender: string | null): string {
  return sender ? `${voice.signOff}\n${sender}` : voice.signOff.replace(/[,\s]+$/, '');
}

/** A phrase or text as phrases are compared: case and runs of spaces ignored. */
export function normalisedPhrase(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Does the text hold the phrase, ignoring case and runs of spaces? */
export function containsPhrase(text: string, phrase: string): boolean {
  const wanted = normalisedPhrase(phrase);
  return wanted !== '' && normalisedPhrase(text).includes(wanted);
}

/** A sentence ends at . ? ! or … followed by white space; the space is kept with it, so line breaks survive. */
const SENTENCE_END = /(?<=[.?!…])(\s+)(?=\S)/;

/** [sentence, the space after it] pairs; the last space is empty. */
function sentencesOf(paragraph: string): [string, string][] {
  const parts = paragraph.split(SENTENCE_END);
  const pairs: [string, string][] = [];
  for (let i = 0; i < parts.length; i += 2) pairs.push([parts[i], parts[i + 1] ?? '']);
  return pairs;
}

/**
 * Shapes the paragraphs between greeting and sign-off to the voice: sentences holding an avoided
 * phrase go, a short voice keeps each paragraph's first sentence, a long one closes with an open
 * offer, and the first phrase to use ends the message.
 */
export function shapeParagraphs(paragraphs: string[], voice: Voice): string[] {
  const shaped = paragraphs
    .map((paragraph) => {
      const kept = sentencesOf(paragraph).filter(([text]) => !voice.phrasesToAvoid.some((phrase) => containsPhrase(text, phrase)));
      return (voice.length === 'short' ? kept.slice(0, 1) : kept)
        .map(([text, space]) => text + space)
        .join('')
        .trim();
    })
    .filter((paragraph) => paragraph !== '');
  if (voice.length === 'long') shaped.push('If anything here does not fit, tell me what would work better and I will adjust.');
  const [phrase] = voice.phrasesToUse;
  if (phrase && !shaped.some((paragraph) => containsPhrase(paragraph, phrase))) shaped.push(sentence(phrase.trim()));
  return shaped;
}
