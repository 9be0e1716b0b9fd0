-- CreateIndex
CREATE INDEX "Product_published_createdAt_idx" ON "Product"("published", "createdAt");

-- CreateIndex
CREATE INDEX "Product_published_priceCents_idx" ON "Product"("published", "priceCents");

-- CreateIndex
CREATE INDEX "Product_published_author_idx" ON "Product"("published", "author");
