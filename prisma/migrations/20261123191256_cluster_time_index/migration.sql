-- DropIndex
DROP INDEX "Case_clusterId_idx";

-- CreateIndex
CREATE INDEX "Case_clusterId_createdAt_idx" ON "Case"("clusterId", "createdAt");
