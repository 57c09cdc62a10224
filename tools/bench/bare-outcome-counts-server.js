// The machine's limit in the outcomes benchmark: a bare Node http server counting the outcomes of
// the last 90 days by type with a plain pg pool, no framework, no auth, no cohort.
const http = require('node:http');
const { Pool } = require('pg');

const COUNTS_SQL = `SELECT outcome_type, count(*)::int AS n FROM outcome_events WHERE detected_at > now() - interval '90 days' GROUP BY outcome_type`;

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const server = http.createServer(async (req, res) => {
  try {
    const { rows } = await pool.query(COUNTS_SQL);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ counts: rows }));
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare server ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
