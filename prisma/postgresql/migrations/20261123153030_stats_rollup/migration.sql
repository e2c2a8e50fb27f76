-- CreateTable
CREATE TABLE "StatsSlot" (
    "team" TEXT NOT NULL,
    "slotStart" TIMESTAMP(3) NOT NULL,
    "basis" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatsSlot_pkey" PRIMARY KEY ("team","slotStart")
);

-- CreateTable
CREATE TABLE "StatsRollupState" (
    "id" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,
    "seen" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "StatsRollupState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatsSlot_slotStart_idx" ON "StatsSlot"("slotStart");

-- CreateIndex
CREATE INDEX "Author_praiseCount_idx" ON "Author"("praiseCount");

-- CreateIndex
CREATE INDEX "Author_mentionCount_idx" ON "Author"("mentionCount");

-- CreateIndex
CREATE INDEX "Case_updatedAt_idx" ON "Case"("updatedAt");

-- CreateIndex
CREATE INDEX "Case_authorId_createdAt_idx" ON "Case"("authorId", "createdAt");
