-- CreateTable
CREATE TABLE "BacklogCard" (
    "id" TEXT NOT NULL,
    "surface" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BacklogCard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BacklogCard_surface_channel_key" ON "BacklogCard"("surface", "channel");

-- CreateIndex
CREATE INDEX "OutboxItem_status_rank_nextAttemptAt_idx" ON "OutboxItem"("status", "rank", "nextAttemptAt");
