-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "archived_at" TIMESTAMPTZ(3);

