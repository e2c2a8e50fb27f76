-- CreateTable
CREATE TABLE "IncidentAck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "savedReplyId" TEXT,
    "audience" TEXT NOT NULL DEFAULT '{}',
    "actor" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "approvedBy" TEXT,
    "targets" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IncidentAckTarget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ackId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "personKey" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "replyId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "IncidentAckTarget_ackId_fkey" FOREIGN KEY ("ackId") REFERENCES "IncidentAck" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IncidentAckTarget_replyId_fkey" FOREIGN KEY ("replyId") REFERENCES "Reply" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "IncidentAck_incidentId_createdAt_idx" ON "IncidentAck"("incidentId", "createdAt");

-- CreateIndex
CREATE INDEX "IncidentAckTarget_ackId_idx" ON "IncidentAckTarget"("ackId");

-- CreateIndex
CREATE INDEX "IncidentAckTarget_replyId_idx" ON "IncidentAckTarget"("replyId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentAckTarget_incidentId_kind_personKey_key" ON "IncidentAckTarget"("incidentId", "kind", "personKey");
