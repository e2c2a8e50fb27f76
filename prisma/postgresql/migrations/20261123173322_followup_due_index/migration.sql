-- CreateIndex
CREATE INDEX "Case_status_followUpDueAt_idx" ON "Case"("status", "followUpDueAt");
