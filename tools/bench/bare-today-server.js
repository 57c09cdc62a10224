// Baseline for the today benchmark: a bare Node http server running the same ranking query
// with a plain pg pool, no framework, no auth, no validation. The ratio to it shows what the
// API's layers cost.
const http = require('node:http');
const { Pool } = require('pg');
const { RANKING_SQL } = require('./ranking-sql');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const server = http.createServer(async (req, res) => {
  try {
    const { rows } = await pool.query(RANKING_SQL, [50]);
    const body = JSON.stringify({ today_moves: rows, generated_at: new Date().toISOString() });
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare server ready'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
