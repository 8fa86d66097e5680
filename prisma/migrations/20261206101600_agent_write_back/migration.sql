-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "write_back" JSONB NOT NULL DEFAULT '{}';

