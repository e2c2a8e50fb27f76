-- CreateIndex
CREATE INDEX "Case_authorId_team_createdAt_idx" ON "Case"("authorId", "team", "createdAt");
