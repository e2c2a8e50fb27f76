-- CreateTable
CREATE TABLE "InboxItem" (
    "seq" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "InboxItem_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "IntakeLease" (
    "id" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntakeLease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboxItem_status_seq_idx" ON "InboxItem"("status", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "InboxItem_platform_externalId_key" ON "InboxItem"("platform", "externalId");
