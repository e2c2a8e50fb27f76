-- CreateTable
CREATE TABLE "RateBucket" (
    "destination" TEXT NOT NULL PRIMARY KEY,
    "tat" BIGINT NOT NULL,
    "blockedUntil" BIGINT NOT NULL DEFAULT 0
);

-- AlterTable (a plain ADD COLUMN rather than Prisma's table rebuild: the same result, and it leaves OutboxItem's other
-- columns to migrations that change them)
ALTER TABLE "OutboxItem" ADD COLUMN "mayHaveLanded" BOOLEAN NOT NULL DEFAULT false;
