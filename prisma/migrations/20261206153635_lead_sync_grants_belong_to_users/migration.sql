-- Grants of members removed before grants had a foreign key mean nothing.
DELETE FROM "lead_sync_user_grants" g WHERE NOT EXISTS (SELECT 1 FROM "users" u WHERE u.id = g.user_id);

-- AddForeignKey
ALTER TABLE "lead_sync_user_grants" ADD CONSTRAINT "lead_sync_user_grants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

