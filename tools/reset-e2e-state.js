// Recreates the browser tests' database and empties their Redis database:
//   node tools/reset-e2e-state.js <postgres url of the e2e database> <redis url>
const { Client } = require('pg');
const Redis = require('ioredis');

async function main() {
  const [databaseUrl, redisUrl] = process.argv.slice(2);
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const db = new Client({ connectionString: admin.toString() });
  await db.connect();
  const quoted = `"${name.replace(/"/g, '""')}"`;
  await db.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
  await db.query(`CREATE DATABASE ${quoted}`);
  await db.end();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  await redis.flushdb();
  await redis.quit();
}

main().catch((error) => {
  console.error(`caseyos: could not reset the e2e state: ${error.message}`);
  process.exit(1);
});
