// The limit for one Node process on this machine: a bare Node http server answering every
// request with the same bytes from memory (BODY_FILE, sent with CONTENT_TYPE and, when set,
// CONTENT_ENCODING), no framework, no database. The today benchmark hands it the very body
// the API sent.
const http = require('node:http');
const { readFileSync } = require('node:fs');

const body = readFileSync(process.env.BODY_FILE);
const headers = { 'content-type': process.env.CONTENT_TYPE, 'content-length': body.length };
if (process.env.CONTENT_ENCODING) Object.assign(headers, { 'content-encoding': process.env.CONTENT_ENCODING, vary: 'accept-encoding' });

const server = http.createServer((req, res) => res.writeHead(200, headers).end(body));
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare server ready'));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
