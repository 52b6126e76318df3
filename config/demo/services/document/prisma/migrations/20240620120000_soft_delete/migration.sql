-- AlterTable
ALTER TABLE "documents" ADD COLUMN "deleted_at" TIMESTAMPTZ(6);

-- CreateIndex (partial; written by hand, Prisma cannot express it)
CREATE INDEX "documents_owner_live_idx" ON "documents"("owner_id", "uploaded_at" DESC) WHERE "deleted_at" IS NULL;

-- AddCheck (hand-written)
ALTER TABLE "documents" ADD CONSTRAINT "documents_size_bytes_check" CHECK ("size_bytes" >= 0);
ALTER TABLE "documents" ADD CONSTRAINT "documents_sha256_check" CHECK (length("sha256") = 32);
