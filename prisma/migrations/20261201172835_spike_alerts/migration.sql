-- CreateTable
CREATE TABLE "SpikeAlert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "baseline" REAL NOT NULL,
    "threshold" REAL NOT NULL,
    "weeks" INTEGER NOT NULL,
    "hourOfWeek" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SpikeAlert_scope_metric_createdAt_idx" ON "SpikeAlert"("scope", "metric", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SpikeAlert_scope_metric_windowStart_key" ON "SpikeAlert"("scope", "metric", "windowStart");
