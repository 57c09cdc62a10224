/** Google OAuth scopes that grant each kind of access, broadest first. */
const SCOPE = (name: string) => `https://www.googleapis.com/auth/${name}`;
const FULL_MAIL = 'https://mail.google.com/';

export const GMAIL_READ_SCOPES = [FULL_MAIL, SCOPE('gmail.modify'), SCOPE('gmail.readonly')] as const;
export const GMAIL_COMPOSE_SCOPES = [FULL_MAIL, SCOPE('gmail.modify'), SCOPE('gmail.compose')] as const;
export const GMAIL_SETTINGS_READ_SCOPES = [...GMAIL_READ_SCOPES, SCOPE('gmail.settings.basic')] as const;
export const CALENDAR_READ_SCOPES = [SCOPE('calendar'), SCOPE('calendar.events'), SCOPE('calendar.readonly'), SCOPE('calendar.events.readonly')] as const;
/** freebusy.query also accepts the free/busy-only scopes. */
export const CALENDAR_FREEBUSY_SCOPES = [...CALENDAR_READ_SCOPES, SCOPE('calendar.freebusy'), SCOPE('calendar.events.freebusy')] as const;
export const CALENDAR_WRITE_SCOPES = [SCOPE('calendar'), SCOPE('calendar.events')] as const;
