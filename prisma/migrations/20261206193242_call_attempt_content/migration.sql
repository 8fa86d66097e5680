-- AlterTable
ALTER TABLE "call_attempts" ADD COLUMN     "recording_url" TEXT,
ADD COLUMN     "summary" TEXT,
ADD COLUMN     "transcript" TEXT;

