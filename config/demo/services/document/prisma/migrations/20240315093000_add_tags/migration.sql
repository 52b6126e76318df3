-- AlterTable
ALTER TABLE "documents" ADD COLUMN "tags" TEXT[] DEFAULT ARRAY[]::TEXT[] NOT NULL;

-- CreateIndex
CREATE INDEX "documents_tags_gin" ON "documents" USING GIN ("tags");
