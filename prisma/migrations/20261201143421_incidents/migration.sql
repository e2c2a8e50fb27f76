-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clusterId" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "place" TEXT,
    "title" TEXT NOT NULL,
    "titleEdited" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'open',
    "assignee" TEXT,
    "mergedInto" TEXT,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "ratePerMinute" REAL NOT NULL,
    "reach" INTEGER NOT NULL,
    "platforms" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "samples" TEXT NOT NULL,
    "topAuthors" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "at" DATETIME NOT NULL,
    CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentCard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "surface" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "IncidentCard_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "threadKey" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "sentimentScore" REAL NOT NULL,
    "complaint" BOOLEAN NOT NULL,
    "offensive" BOOLEAN NOT NULL,
    "category" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "priorityScore" REAL NOT NULL,
    "reasons" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "assignee" TEXT,
    "claimedAt" DATETIME,
    "escalated" BOOLEAN NOT NULL DEFAULT false,
    "slaMinutes" INTEGER,
    "slaDueAt" DATETIME,
    "firstResponseAt" DATETIME,
    "resolvedAt" DATETIME,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "offlineChannel" TEXT,
    "followUpDueAt" DATETIME,
    "clusterId" TEXT,
    "incidentId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Case_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("assignee", "authorId", "category", "claimedAt", "clusterId", "complaint", "createdAt", "decision", "escalated", "firstResponseAt", "followUpDueAt", "id", "lang", "offensive", "offlineChannel", "platform", "priority", "priorityScore", "reasons", "reopenCount", "resolvedAt", "sentiment", "sentimentScore", "slaDueAt", "slaMinutes", "status", "team", "threadKey", "updatedAt", "version") SELECT "assignee", "authorId", "category", "claimedAt", "clusterId", "complaint", "createdAt", "decision", "escalated", "firstResponseAt", "followUpDueAt", "id", "lang", "offensive", "offlineChannel", "platform", "priority", "priorityScore", "reasons", "reopenCount", "resolvedAt", "sentiment", "sentimentScore", "slaDueAt", "slaMinutes", "status", "team", "threadKey", "updatedAt", "version" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE INDEX "Case_status_team_idx" ON "Case"("status", "team");
CREATE INDEX "Case_platform_threadKey_authorId_status_idx" ON "Case"("platform", "threadKey", "authorId", "status");
CREATE INDEX "Case_clusterId_createdAt_idx" ON "Case"("clusterId", "createdAt");
CREATE INDEX "Case_createdAt_idx" ON "Case"("createdAt");
CREATE INDEX "Case_slaDueAt_idx" ON "Case"("slaDueAt");
CREATE INDEX "Case_updatedAt_idx" ON "Case"("updatedAt");
CREATE INDEX "Case_authorId_createdAt_idx" ON "Case"("authorId", "createdAt");
CREATE INDEX "Case_authorId_team_createdAt_idx" ON "Case"("authorId", "team", "createdAt");
CREATE INDEX "Case_status_firstResponseAt_slaDueAt_idx" ON "Case"("status", "firstResponseAt", "slaDueAt");
CREATE INDEX "Case_status_followUpDueAt_idx" ON "Case"("status", "followUpDueAt");
CREATE INDEX "Case_incidentId_createdAt_idx" ON "Case"("incidentId", "createdAt");
CREATE TABLE "new_OutboxItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "nextAttemptAt" DATETIME NOT NULL,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "result" TEXT,
    "caseId" TEXT,
    "mayHaveLanded" BOOLEAN NOT NULL DEFAULT false,
    "coalesceKey" TEXT,
    "rank" INTEGER NOT NULL DEFAULT 50,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "doneAt" DATETIME
);
INSERT INTO "new_OutboxItem" ("attempts", "caseId", "createdAt", "destination", "doneAt", "id", "idempotencyKey", "kind", "lastError", "lockedBy", "lockedUntil", "maxAttempts", "mayHaveLanded", "nextAttemptAt", "payload", "result", "status", "updatedAt") SELECT "attempts", "caseId", "createdAt", "destination", "doneAt", "id", "idempotencyKey", "kind", "lastError", "lockedBy", "lockedUntil", "maxAttempts", "mayHaveLanded", "nextAttemptAt", "payload", "result", "status", "updatedAt" FROM "OutboxItem";
DROP TABLE "OutboxItem";
ALTER TABLE "new_OutboxItem" RENAME TO "OutboxItem";
CREATE UNIQUE INDEX "OutboxItem_idempotencyKey_key" ON "OutboxItem"("idempotencyKey");
CREATE INDEX "OutboxItem_status_nextAttemptAt_idx" ON "OutboxItem"("status", "nextAttemptAt");
CREATE INDEX "OutboxItem_coalesceKey_status_idx" ON "OutboxItem"("coalesceKey", "status");
CREATE INDEX "OutboxItem_destination_status_idx" ON "OutboxItem"("destination", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
