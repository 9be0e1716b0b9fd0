-- AlterTable
ALTER TABLE "ProductFile" ADD COLUMN "changelog" TEXT;
ALTER TABLE "ProductFile" ADD COLUMN "pageCount" INTEGER;

-- AlterTable
ALTER TABLE "DownloadEvent" ADD COLUMN "network" TEXT;

-- CreateTable
CREATE TABLE "StampedCopy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "grantId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sourceSha256" TEXT NOT NULL,
    "stampHash" TEXT NOT NULL,
    "storageKey" TEXT,
    "size" INTEGER,
    "sha256" TEXT,
    "failure" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" DATETIME,
    CONSTRAINT "StampedCopy_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "DownloadGrant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VersionNotice" (
    "productFileId" TEXT NOT NULL PRIMARY KEY,
    "requestedById" TEXT,
    "queued" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "VersionNotice_productFileId_fkey" FOREIGN KEY ("productFileId") REFERENCES "ProductFile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MailOptOut" (
    "email" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- AlterTable (added columns only: SQLite adds them in place, no table rebuild)
ALTER TABLE "Product" ADD COLUMN "coverWidth" INTEGER;
ALTER TABLE "Product" ADD COLUMN "coverHeight" INTEGER;
ALTER TABLE "Product" ADD COLUMN "stampCopies" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Product" ADD COLUMN "stampNoticePage" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "DownloadGrant" ADD COLUMN "linkGeneration" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "StampedCopy_grantId_key" ON "StampedCopy"("grantId");

-- CreateIndex
CREATE UNIQUE INDEX "StampedCopy_storageKey_key" ON "StampedCopy"("storageKey");

-- CreateIndex
CREATE INDEX "StampedCopy_status_idx" ON "StampedCopy"("status");

