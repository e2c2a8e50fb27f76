-- CreateTable
CREATE TABLE "ChatInstallation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surface" TEXT NOT NULL,
    "conversation" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "userId" TEXT,
    "reference" TEXT NOT NULL,
    "installedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ChatInstallation_surface_userId_idx" ON "ChatInstallation"("surface", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatInstallation_surface_conversation_key" ON "ChatInstallation"("surface", "conversation");
