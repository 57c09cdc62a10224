// The query GET /api/command-queue/today runs for all domains (see CommandQueueService.today).
exports.RANKING_SQL = `
  SELECT * FROM command_queue_items
   WHERE status IN ('pending', 'accepted', 'executing', 'failed')
   ORDER BY aps DESC, due_at ASC NULLS LAST, created_at ASC, id ASC
   LIMIT $1`;
