import { contextOf, moveOf } from '../../testing/draft-fixtures';
import { DEFAULT_VOICE, type Voice } from './draft-context';
import { renderAsset } from './asset-templates';
import { renderEmail } from './email-templates';
import { renderMeeting, withAgenda } from './meeting-templates';

const priya = { contact_name: 'Priya Raman', contact_email: 'priya.raman@northwind.example.com', company: 'Northwind Analytics' };
const demo = moveOf('send_email', { ...priya, action_params: { template: 'demo_request_reply' } });
const voiced = (voice: Partial<Voice>) => contextOf(demo, { voice: { ...DEFAULT_VOICE, ...voice } });

describe('voice-aware templates', () => {
  it('the default voice writes exactly what a context without one does', () => {
    expect(renderEmail(voiced({}))).toEqual(renderEmail(contextOf(demo)));
  });

  it('uses the greeting and sign-off of the profile', () => {
    const email = renderEmail(voiced({ greeting: 'Hey {first_name}!', signOff: 'Cheers,' }));
    expect(email.text).toMatch(/^Hey Priya!\n\n/);
    expect(email.text).toMatch(/\n\nCheers,\nCasey Jones$/);
    expect(renderEmail(contextOf(moveOf('send_email'), { voice: { ...DEFAULT_VOICE, greeting: 'Dear {name},' } })).text).toMatch(/^Dear there,\n/);
  });

  it('a short voice keeps the first sentence of each paragraph, a long one adds an open offer', () => {
    const medium = renderEmail(voiced({})).text;
    const short = renderEmail(voiced({ length: 'short' })).text;
    const long = renderEmail(voiced({ length: 'long' })).text;
    expect(short).toContain('Thanks for asking for a demo.\n\nWould Tuesday, 9 December or Wednesday, 10 December suit you?\n\nBest,');
    expect(short.length).toBeLessThan(medium.length);
    expect(long).toContain('tell me what would work better');
  });

  it('drops sentences holding an avoided phrase and ends with the first phrase to use', () => {
    const email = renderEmail(voiced({ phrasesToAvoid: ['I’d be glad', "I'd be GLAD"], phrasesToUse: ['Talk soon'] })).text;
    expect(email.toLowerCase()).not.toContain("i'd be glad");
    expect(email).toContain('Talk soon.\n\nBest,');
  });

  it('keeps the line breaks of marketing copy and drops only avoided sentences', () => {
    const move = moveOf('content_repurpose', { title: 'Pipeline hygiene' });
    const plain = renderAsset(contextOf(move));
    const avoided = renderAsset(contextOf(move, { voice: { ...DEFAULT_VOICE, phrasesToAvoid: ['three steps'] } }));
    expect(plain.body).toContain('Outline\n1. The problem');
    expect(avoided.body).toContain('Outline\n1. The problem');
    expect(avoided.body).not.toContain('three steps');
  });

  it('greets meeting attendees in the voice, and an edited agenda replaces only the list', () => {
    const meeting = renderMeeting(contextOf(moveOf('book_meeting', priya), { voice: { ...DEFAULT_VOICE, greeting: 'Hello {first_name},' } }));
    expect(meeting.description).toMatch(/^Hello Priya,\n/);
    expect(meeting.agenda.length).toBeGreaterThan(1);
    const edited = withAgenda(meeting.description, ['Pricing', 'Security review']);
    expect(edited).toContain('Agenda\n- Pricing\n- Security review');
    expect(edited).not.toContain(`- ${meeting.agenda[0]}`);
    expect(edited.split('\n')[0]).toBe('Hello Priya,');
  });
});
