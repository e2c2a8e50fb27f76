-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "incidentId" TEXT;

-- AlterTable
ALTER TABLE "OutboxItem" ADD COLUMN     "coalesceKey" TEXT,
ADD COLUMN     "rank" INTEGER NOT NULL DEFAULT 50;

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "place" TEXT,
    "title" TEXT NOT NULL,
    "titleEdited" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'open',
    "assignee" TEXT,
    "mergedInto" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "ratePerMinute" DOUBLE PRECISION NOT NULL,
    "reach" INTEGER NOT NULL,
    "platforms" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "samples" TEXT NOT NULL,
    "topAuthors" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentCard" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "surface" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentCard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Incident_clusterId_status_idx" ON "Incident"("clusterId", "status");

-- CreateIndex
CREATE INDEX "Incident_team_status_idx" ON "Incident"("team", "status");

-- CreateIndex
CREATE INDEX "Incident_place_status_idx" ON "Incident"("place", "status");

-- CreateIndex
CREATE INDEX "Incident_createdAt_idx" ON "Incident"("createdAt");

-- CreateIndex
CREATE INDEX "IncidentEvent_incidentId_at_idx" ON "IncidentEvent"("incidentId", "at");

-- CreateIndex
CREATE INDEX "IncidentCard_incidentId_surface_idx" ON "IncidentCard"("incidentId", "surface");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentCard_surface_channel_messageId_key" ON "IncidentCard"("surface", "channel", "messageId");

-- CreateIndex
CREATE INDEX "Case_incidentId_createdAt_idx" ON "Case"("incidentId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxItem_coalesceKey_status_idx" ON "OutboxItem"("coalesceKey", "status");

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEvent" ADD CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentCard" ADD CONSTRAINT "IncidentCard_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
