-- CreateTable
CREATE TABLE "SpikeAlert" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "baseline" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "weeks" INTEGER NOT NULL,
    "hourOfWeek" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpikeAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpikeAlert_scope_metric_createdAt_idx" ON "SpikeAlert"("scope", "metric", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SpikeAlert_scope_metric_windowStart_key" ON "SpikeAlert"("scope", "metric", "windowStart");
