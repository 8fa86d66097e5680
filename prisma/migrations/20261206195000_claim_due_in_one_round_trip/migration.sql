-- The batch claim of lib/calls/writes.ts (claimDue) as one round trip. Each agent's advisory lock is taken first, in
-- id order so two claimers cannot deadlock; the claim then runs as a later statement of this VOLATILE function, so
-- its snapshot (READ COMMITTED) counts every claim committed before the lock was granted. Held for one call only: an
-- interactive transaction held it across several round trips, and concurrent claimers of a busy agent queued on it.
CREATE FUNCTION claim_due_attempts(task_ids text[], freed_agents text[], due_by timestamptz)
RETURNS TABLE (attempt_id text, task_id text, agent_id text, number int, phone text, variables jsonb)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  agent_ids text[];
  agent text;
BEGIN
  SELECT array_agg(a ORDER BY a) INTO agent_ids FROM (
    SELECT t.agent_id AS a FROM call_tasks t
    WHERE t.id = ANY(task_ids) AND t.status = 'scheduled' AND t.next_attempt_at <= due_by
    UNION SELECT unnest(freed_agents)) s;
  IF agent_ids IS NULL THEN
    RETURN;
  END IF;
  FOREACH agent IN ARRAY agent_ids LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('agent-slots:' || agent, 0));
  END LOOP;
  RETURN QUERY
  WITH free AS (
    SELECT a.id, a.provider, a.id = ANY(freed_agents) AS freed, a.concurrency_cap - (SELECT count(*) FROM call_attempts c
      WHERE c.agent_id = a.id AND c.status IN ('dialing', 'in_progress'))::int AS n
    FROM agents a WHERE a.id = ANY(agent_ids)
  ), picked AS (
    SELECT p.id, f.provider FROM free f CROSS JOIN LATERAL (
      SELECT t.id FROM call_tasks t
      WHERE t.agent_id = f.id AND (f.freed OR t.id = ANY(task_ids)) AND t.status = 'scheduled' AND t.next_attempt_at <= due_by
      ORDER BY t.next_attempt_at, t.id LIMIT GREATEST(f.n, 0) FOR UPDATE SKIP LOCKED) p
  ), claimed AS (
    UPDATE call_tasks t SET status = 'dialing', attempts_made = t.attempts_made + 1, updated_at = now()
    FROM picked p WHERE t.id = p.id AND t.status = 'scheduled'
    RETURNING t.id, t.agent_id, t.attempts_made, t.next_attempt_at, t.next_attempt_reason, t.variables, t.phone, p.provider
  ), inserted AS (
    INSERT INTO call_attempts (id, task_id, agent_id, number, status, scheduled_at, reason, provider, variables_sent, created_at)
    SELECT 'att_' || substr(c.id, 6) || '_' || c.attempts_made, c.id, c.agent_id, c.attempts_made, 'dialing',
           COALESCE(c.next_attempt_at, due_by), COALESCE(c.next_attempt_reason, '{"kind":"immediate"}'::jsonb),
           c.provider, c.variables, now()
    FROM claimed c
    RETURNING id, task_id, agent_id, number, variables_sent
  )
  SELECT i.id, i.task_id, i.agent_id, i.number, c.phone, i.variables_sent FROM inserted i JOIN claimed c ON c.id = i.task_id;
END
$$;
