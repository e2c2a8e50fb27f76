-- CreateTable
CREATE TABLE "StatsSlot" (
    "team" TEXT NOT NULL,
    "slotStart" DATETIME NOT NULL,
    "basis" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,

    PRIMARY KEY ("team", "slotStart")
);

-- CreateTable
CREATE TABLE "StatsRollupState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "refreshedAt" DATETIME NOT NULL,
    "seen" TEXT NOT NULL DEFAULT '[]'
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
