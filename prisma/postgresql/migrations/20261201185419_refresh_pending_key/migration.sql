-- AlterTable
ALTER TABLE "OutboxItem" ADD COLUMN     "pendingKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "OutboxItem_pendingKey_key" ON "OutboxItem"("pendingKey");
