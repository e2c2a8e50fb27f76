-- CreateIndex
CREATE INDEX "Case_status_firstResponseAt_slaDueAt_idx" ON "Case"("status", "firstResponseAt", "slaDueAt");
