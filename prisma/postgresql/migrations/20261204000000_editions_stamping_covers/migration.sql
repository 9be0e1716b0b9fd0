-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "coverWidth" INTEGER,
ADD COLUMN     "coverHeight" INTEGER,
ADD COLUMN     "stampCopies" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stampNoticePage" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "ProductFile" ADD COLUMN     "pageCount" INTEGER,
ADD COLUMN     "changelog" TEXT;

-- AlterTable
ALTER TABLE "DownloadGrant" ADD COLUMN     "linkGeneration" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DownloadEvent" ADD COLUMN     "network" TEXT;

-- CreateTable
CREATE TABLE "StampedCopy" (
    "id" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sourceSha256" TEXT NOT NULL,
    "stampHash" TEXT NOT NULL,
    "storageKey" TEXT,
    "size" INTEGER,
    "sha256" TEXT,
    "failure" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMP(3),

    CONSTRAINT "StampedCopy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VersionNotice" (
    "productFileId" TEXT NOT NULL,
    "requestedById" TEXT,
    "queued" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "VersionNotice_pkey" PRIMARY KEY ("productFileId")
);

-- CreateTable
CREATE TABLE "MailOptOut" (
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailOptOut_pkey" PRIMARY KEY ("email")
);

-- CreateIndex
CREATE UNIQUE INDEX "StampedCopy_grantId_key" ON "StampedCopy"("grantId");

-- CreateIndex
CREATE UNIQUE INDEX "StampedCopy_storageKey_key" ON "StampedCopy"("storageKey");

-- CreateIndex
CREATE INDEX "StampedCopy_status_idx" ON "StampedCopy"("status");

-- AddForeignKey
ALTER TABLE "StampedCopy" ADD CONSTRAINT "StampedCopy_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "DownloadGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VersionNotice" ADD CONSTRAINT "VersionNotice_productFileId_fkey" FOREIGN KEY ("productFileId") REFERENCES "ProductFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
