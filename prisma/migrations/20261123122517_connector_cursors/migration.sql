-- CreateTable
CREATE TABLE "ConnectorCursor" (
    "connector" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "cursor" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("connector", "stream")
);
