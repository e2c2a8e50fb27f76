-- AlterTable
ALTER TABLE "OutboxItem" ADD COLUMN     "mayHaveLanded" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "RateBucket" (
    "destination" TEXT NOT NULL,
    "tat" BIGINT NOT NULL,
    "blockedUntil" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RateBucket_pkey" PRIMARY KEY ("destination")
);
