import type { VoiceProfile } from '@caseyos/contracts';
import { changesOf, emptyForm, formOf, inputOf } from './voice-form';

const profile: VoiceProfile = {
  id: 'p1',
  name: 'Founder',
  tone_notes: 'Warm',
  greeting: 'Hi {first_name},',
  sign_off: 'Cheers,',
  length: 'short',
  phrases_to_use: ['happy to help'],
  phrases_to_avoid: ['circle back', 'synergy'],
  example_messages: ['First example.', 'Second\n\nexample.'],
  is_default: false,
  domain: 'sales',
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:00Z',
};

describe('voice form', () => {
  it('round-trips a profile: phrases one a line, examples between --- lines', () => {
    const form = formOf(profile);
    expect(form.phrases_to_avoid).toBe('circle back\nsynergy');
    expect(form.example_messages).toBe('First example.\n---\nSecond\n\nexample.');
    const input = inputOf(form);
    expect(input).toMatchObject({
      phrases_to_use: ['happy to help'],
      phrases_to_avoid: ['circle back', 'synergy'],
      example_messages: ['First example.', 'Second\n\nexample.'],
      domain: 'sales',
    });
  });

  it('drops blank phrases and examples, and maps no domain to null', () => {
    const input = inputOf({ ...emptyForm(), name: ' Support ', phrases_to_avoid: 'a\n\n  \nb ', example_messages: '\n---\n  One  \n---\n' });
    expect(input).toMatchObject({ name: 'Support', phrases_to_avoid: ['a', 'b'], example_messages: ['One'], domain: null });
  });

  it('sends only what changed, and nothing when nothing did', () => {
    expect(changesOf(profile, formOf(profile))).toBeNull();
    expect(changesOf(profile, { ...formOf(profile), sign_off: 'Best,', domain: '' })).toEqual({ sign_off: 'Best,', domain: null });
  });
});
