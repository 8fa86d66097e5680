import type pg from "pg";

export type AgentConcurrency = { agentId: string; cap: number; maxLive: number; dialed: number };

/**
 * The most calls each agent had on the line at once, computed from the attempts' own [dialed_at, ended_at) intervals
 * rather than from any counter the engine keeps, so an engine that miscounts its slots cannot hide it. An attempt
 * that never ended counts as live until now; ends sort before starts at the same instant (half-open intervals).
 */
export async function maxConcurrencyByAgent(client: pg.ClientBase, agentIds: string[]): Promise<AgentConcurrency[]> {
  const { rows } = await client.query<{ agent_id: string; cap: number; max_live: string | null; dialed: string }>(
    `WITH spans AS (
       SELECT agent_id, dialed_at AS started, GREATEST(COALESCE(ended_at, now()), dialed_at) AS ended
       FROM call_attempts WHERE agent_id = ANY($1) AND dialed_at IS NOT NULL
     ), edges AS (
       SELECT agent_id, started AS at, 1 AS delta FROM spans
       UNION ALL
       SELECT agent_id, ended, -1 FROM spans
     ), running AS (
       SELECT agent_id, sum(delta) OVER (PARTITION BY agent_id ORDER BY at, delta ROWS UNBOUNDED PRECEDING) AS live FROM edges
     )
     SELECT a.id AS agent_id, a.concurrency_cap AS cap, max(r.live) AS max_live,
            (SELECT count(*) FROM spans s WHERE s.agent_id = a.id) AS dialed
     FROM agents a LEFT JOIN running r ON r.agent_id = a.id
     WHERE a.id = ANY($1)
     GROUP BY a.id, a.concurrency_cap
     ORDER BY a.concurrency_cap DESC`,
    [agentIds],
  );
  return rows.map((r) => ({ agentId: r.agent_id, cap: r.cap, maxLive: Number(r.max_live ?? 0), dialed: Number(r.dialed) }));
}
