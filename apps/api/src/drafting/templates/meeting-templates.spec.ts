import { contextOf, moveOf } from '../../testing/draft-fixtures';
import { renderMeeting } from './meeting-templates';

const jonas = { contact_name: 'Jonas Berg', company: 'Lumen Robotics', deal_amount: 95_000 };

describe('renderMeeting', () => {
  it('books a follow-up call after a positive reply, with an agenda and the organiser', () => {
    const meeting = renderMeeting(contextOf(moveOf('book_meeting', { ...jonas, action_params: { rule: 'gmail.reply.positive', duration_minutes: 45 } })));
    expect(meeting.summary).toBe('Follow-up call with Lumen Robotics');
    expect(meeting.durationMinutes).toBe(45);
    expect(meeting.description.split('\n')).toEqual([
      'Hi Jonas,',
      '',
      'Thanks for your reply. Here is a short plan so we make the most of the time.',
      '',
      'Agenda',
      '- The points from your reply',
      '- What a first rollout could look like',
      '- Your questions',
      '- Agreed next steps',
      '',
      'Organised by Casey Jones',
    ]);
  });

  it('plans next steps after a deal advanced, naming the new stage but never the deal amount', () => {
    const meeting = renderMeeting(
      contextOf(moveOf('book_meeting', { ...jonas, action_params: { rule: 'hubspot.deal_advanced', context: { to_stage: 'Proposal Sent' } } })),
    );
    expect(meeting.summary).toBe('Next steps with Lumen Robotics');
    expect(meeting.description).toContain('- Where things stand (now Proposal Sent)');
    expect(meeting.description).not.toContain('95,000');
  });

  it('defaults to a 30-minute intro call when params are missing or unusable', () => {
    const meeting = renderMeeting(contextOf(moveOf('book_meeting', { action_params: { duration_minutes: '45' } }), { sender: { name: '', email: '' } }));
    expect(meeting).toMatchObject({ summary: 'Intro call', durationMinutes: 30 });
    expect(meeting.description).toMatch(/^Hi there,\n/);
    expect(meeting.description).not.toContain('Organised by');
  });

  it('refuses other action types', () => {
    expect(() => renderMeeting(contextOf(moveOf('send_email')))).toThrow('No meeting template for action type send_email');
  });
});
