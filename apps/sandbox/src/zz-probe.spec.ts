import { createServer } from 'node:http';
import { google } from 'googleapis';
import MailComposer from 'nodemailer/lib/mail-composer';

it('googleapis works under jest', async () => {
  const server = createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ emailAddress: 'a@b.test', url: req.url, auth: req.headers.authorization })); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const auth = new google.auth.OAuth2({ clientId: 'c', clientSecret: 's', endpoints: { oauth2TokenUrl: `http://127.0.0.1:${port}/token` } });
  auth.setCredentials({ access_token: 'x', expiry_date: Date.now() + 3600_000 });
  const gmail = google.gmail({ version: 'v1', auth, rootUrl: `http://127.0.0.1:${port}/` });
  const res = await gmail.users.getProfile({ userId: 'me' });
  console.log(res.data);
  const raw = await new MailComposer({ from: 'a@b.test', to: 'c@d.test', subject: 'Hé there', text: 'hello', inReplyTo: '<x@y>', references: ['<x@y>'] }).compile().build();
  console.log(raw.toString());
  server.close();
});
