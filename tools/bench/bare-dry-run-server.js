// The machine's limit in the execute benchmark: a bare Node http server doing the least a recorded dry run
// must do — read the move by id and store one record of it — with a plain pg pool, no framework,
// no auth, no plan. What it reaches at the same concurrency is this machine's limit for any
// request that makes two Postgres round trips.
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const server = http.createServer(async (req, res) => {
  try {
    const itemId = req.url.split('/')[1];
    const { rows } = await pool.query('SELECT * FROM command_queue_items WHERE id = $1', [itemId]);
    const record = { id: randomUUID(), item_id: itemId, title: rows[0]?.title ?? null };
    await pool.query('INSERT INTO bench_bare_dry_runs (id, item_id, record) VALUES ($1, $2, $3)', [record.id, itemId, JSON.stringify(record)]);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ move: rows[0], record }));
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});

pool
  .query('CREATE TABLE IF NOT EXISTS bench_bare_dry_runs (id uuid PRIMARY KEY, item_id uuid NOT NULL, record jsonb NOT NULL)')
  .then(() => server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare server ready')));
process.on('SIGTERM', () => server.close(() => pool.query('DROP TABLE IF EXISTS bench_bare_dry_runs').finally(() => pool.end().then(() => process.exit(0)))));
