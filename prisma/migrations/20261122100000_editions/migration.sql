-- AlterTable
ALTER TABLE "ProductFile" ADD COLUMN "lineageId" TEXT;
ALTER TABLE "ProductFile" ADD COLUMN "supersededAt" DATETIME;

-- CreateIndex
CREATE UNIQUE INDEX "ProductFile_lineageId_version_key" ON "ProductFile"("lineageId", "version");

