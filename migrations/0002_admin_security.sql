CREATE TABLE "mou_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mou_id" uuid NOT NULL,
	"evidence_file_id" uuid NOT NULL,
	"attached_by" uuid NOT NULL,
	"attached_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mou_documents_evidence_file_id_unique" UNIQUE("evidence_file_id")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_used_step" bigint;--> statement-breakpoint
ALTER TABLE "mou_documents" ADD CONSTRAINT "mou_documents_mou_id_mous_id_fk" FOREIGN KEY ("mou_id") REFERENCES "public"."mous"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mou_documents" ADD CONSTRAINT "mou_documents_evidence_file_id_evidence_files_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mou_documents" ADD CONSTRAINT "mou_documents_attached_by_users_id_fk" FOREIGN KEY ("attached_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mou_documents_mou_idx" ON "mou_documents" USING btree ("mou_id");