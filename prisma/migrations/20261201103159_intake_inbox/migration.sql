-- CreateTable
CREATE TABLE "InboxItem" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "acceptedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "IntakeLease" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "InboxItem_status_seq_idx" ON "InboxItem"("status", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "InboxItem_platform_externalId_key" ON "InboxItem"("platform", "externalId");
