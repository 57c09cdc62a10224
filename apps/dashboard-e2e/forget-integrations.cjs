// Runs before the API under test starts (see playwright.config.ts). Each run starts a new
// sandbox, which knows nothing of the tokens an earlier run stored in the e2e database; with
// those rows gone, the API connects both providers afresh at start-up, as on a first start.
const { Client } = require('pg');

async function main() {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('DELETE FROM integrations');
  } catch (error) {
    // A database the migrations have not reached yet has no tokens to forget.
    if (error.code !== '42P01') throw error;
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(`forget-integrations: ${error.message}`);
  process.exit(1);
});
