-- AlterTable
ALTER TABLE "Product" ADD COLUMN "samplePath" TEXT;
ALTER TABLE "Product" ADD COLUMN "language" TEXT;
ALTER TABLE "Product" ADD COLUMN "isbn" TEXT;
