CREATE TYPE "public"."goods_category" AS ENUM('food_drugs', 'mother_baby', 'auto_parts', 'footwear_apparel', 'household_appliances', 'digital_accessories', 'luggage_leather', 'cosmetics', 'other');--> statement-breakpoint
CREATE TYPE "public"."case_priority" AS ENUM('low', 'normal', 'high', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('draft', 'in_review', 'approved', 'submitted', 'returned_for_info', 'accepted', 'declined', 'investigating', 'raided', 'prosecution', 'closed', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."coordinate_system" AS ENUM('gcj02', 'wgs84', 'bd09');--> statement-breakpoint
CREATE TYPE "public"."criminal_article" AS ENUM('art140', 'art141', 'art142', 'art143', 'art144', 'art213', 'art214', 'art215');--> statement-breakpoint
CREATE TYPE "public"."enterprise_role" AS ENUM('manufacturer', 'seller', 'logistics', 'label_printer', 'other');--> statement-breakpoint
CREATE TYPE "public"."location_source" AS ENUM('waybill_ship_from', 'registered_address', 'field_check', 'test_purchase', 'other');--> statement-breakpoint
CREATE TYPE "public"."marketplace" AS ENUM('taobao', 'tmall', 'alibaba_1688', 'aliexpress', 'other');--> statement-breakpoint
CREATE TYPE "public"."person_role" AS ENUM('controller', 'accomplice', 'employee', 'store_operator', 'other');--> statement-breakpoint
CREATE TYPE "public"."site_type" AS ENUM('factory', 'warehouse', 'sales_point', 'label_printer', 'other');--> statement-breakpoint
CREATE TYPE "public"."store_status" AS ENUM('active', 'closed', 'frozen');--> statement-breakpoint
CREATE TYPE "public"."custody_action" AS ENUM('upload', 'view', 'download', 'share', 'export', 'verify', 'integrity_failure', 'withdraw');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('photo', 'video', 'document', 'screenshot', 'authentication_report', 'seizure_list', 'mou_document', 'other');--> statement-breakpoint
CREATE TYPE "public"."evidence_sensitivity" AS ENUM('normal', 'sensitive', 'restricted');--> statement-breakpoint
CREATE TYPE "public"."storage_backend" AS ENUM('local', 'uploadthing');--> statement-breakpoint
CREATE SEQUENCE "public"."case_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"email" varchar(254) NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"role" "user_role" NOT NULL,
	"organisation_id" uuid NOT NULL,
	"invited_by" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_user_id" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_operations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(40) NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "joint_operations_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "mous" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" varchar(40) NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"platform_organisation_id" uuid NOT NULL,
	"police_organisation_id" uuid NOT NULL,
	"signed_on" date NOT NULL,
	"effective_from" date NOT NULL,
	"effective_until" date,
	"scope_categories" "goods_category"[] NOT NULL,
	"territory_division_codes" varchar(6)[] NOT NULL,
	"decision_period_days" integer DEFAULT 3 NOT NULL,
	"liaison_contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mous_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "case_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"marketplace" "marketplace" NOT NULL,
	"store_id" varchar(64) NOT NULL,
	"seller_id" varchar(64) DEFAULT '' NOT NULL,
	"store_name" text DEFAULT '' NOT NULL,
	"status" "store_status" DEFAULT 'active' NOT NULL,
	"gmv" numeric(16, 2),
	"orders" integer,
	"period_from" date,
	"period_to" date,
	"link_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_brands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"brand" text NOT NULL,
	"rights_holder" text DEFAULT '' NOT NULL,
	"trademark_registration_no" varchar(40) DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"credit_code" varchar(18) DEFAULT '' NOT NULL,
	"role" "enterprise_role" DEFAULT 'other' NOT NULL,
	"address" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_logistics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"courier" text NOT NULL,
	"waybill_no" varchar(40) DEFAULT '' NOT NULL,
	"ship_from_address" text DEFAULT '' NOT NULL,
	"ship_from_division_code" varchar(6),
	"daily_volume" integer,
	"notes" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"role" "person_role" NOT NULL,
	"name" text NOT NULL,
	"id_number" varchar(18) DEFAULT '' NOT NULL,
	"phone" varchar(20) DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"type" "site_type" NOT NULL,
	"address" text NOT NULL,
	"division_code" varchar(6) NOT NULL,
	"latitude" numeric(9, 6),
	"longitude" numeric(9, 6),
	"coordinate_system" "coordinate_system",
	"precision_meters" integer,
	"location_source" "location_source" NOT NULL,
	"notes" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_test_purchases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"order_no" varchar(64) NOT NULL,
	"store_id" varchar(64) DEFAULT '' NOT NULL,
	"amount" numeric(16, 2),
	"waybill_no" varchar(40) DEFAULT '' NOT NULL,
	"purchased_on" date,
	"sample_description" text DEFAULT '' NOT NULL,
	"sample_location" text DEFAULT '' NOT NULL,
	"authentication_report" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" varchar(24) NOT NULL,
	"status" "case_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"category" "goods_category" NOT NULL,
	"priority" "case_priority" DEFAULT 'normal' NOT NULL,
	"joint_operation_id" uuid,
	"suspected_charges" "criminal_article"[] DEFAULT '{}' NOT NULL,
	"platform_organisation_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"target_agency_id" uuid,
	"mou_id" uuid,
	"province_code" varchar(6),
	"division_code" varchar(6),
	"sales_amount" numeric(16, 2),
	"unsold_goods_value" numeric(16, 2),
	"illegal_business_volume" numeric(16, 2),
	"illegal_gains" numeric(16, 2),
	"reviewed_by" uuid,
	"approved_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"decision_due_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "custody_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid NOT NULL,
	"case_id" uuid,
	"action" "custody_action" NOT NULL,
	"actor_user_id" uuid,
	"actor_organisation_id" uuid,
	"reason" text DEFAULT '' NOT NULL,
	"sha256" varchar(64),
	"ip" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid,
	"organisation_id" uuid NOT NULL,
	"kind" "evidence_kind" DEFAULT 'other' NOT NULL,
	"original_name" text NOT NULL,
	"content_type" varchar(120) NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"storage_backend" "storage_backend" NOT NULL,
	"storage_key" text NOT NULL,
	"sensitivity" "evidence_sensitivity" DEFAULT 'normal' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"captured_by" text DEFAULT '' NOT NULL,
	"captured_at" timestamp with time zone,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_reason" text,
	"integrity_failed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" varchar(60) NOT NULL,
	"to_address" varchar(254) NOT NULL,
	"recipient_user_id" uuid,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "two_factor_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "reauthenticated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deactivated_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_active_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_secret_encrypted" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_user_id_users_id_fk" FOREIGN KEY ("accepted_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mous" ADD CONSTRAINT "mous_platform_organisation_id_organisations_id_fk" FOREIGN KEY ("platform_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mous" ADD CONSTRAINT "mous_police_organisation_id_organisations_id_fk" FOREIGN KEY ("police_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mous" ADD CONSTRAINT "mous_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_accounts" ADD CONSTRAINT "case_accounts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_brands" ADD CONSTRAINT "case_brands_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_enterprises" ADD CONSTRAINT "case_enterprises_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_logistics" ADD CONSTRAINT "case_logistics_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_persons" ADD CONSTRAINT "case_persons_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_sites" ADD CONSTRAINT "case_sites_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_test_purchases" ADD CONSTRAINT "case_test_purchases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_joint_operation_id_joint_operations_id_fk" FOREIGN KEY ("joint_operation_id") REFERENCES "public"."joint_operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_platform_organisation_id_organisations_id_fk" FOREIGN KEY ("platform_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_target_agency_id_organisations_id_fk" FOREIGN KEY ("target_agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_mou_id_mous_id_fk" FOREIGN KEY ("mou_id") REFERENCES "public"."mous"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_evidence_id_evidence_files_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_actor_organisation_id_organisations_id_fk" FOREIGN KEY ("actor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("email");--> statement-breakpoint
CREATE INDEX "recovery_codes_user_idx" ON "recovery_codes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "mous_police_idx" ON "mous" USING btree ("police_organisation_id");--> statement-breakpoint
CREATE INDEX "case_accounts_case_idx" ON "case_accounts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_accounts_store_idx" ON "case_accounts" USING btree ("store_id");--> statement-breakpoint
CREATE INDEX "case_accounts_seller_idx" ON "case_accounts" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "case_brands_case_idx" ON "case_brands" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_enterprises_case_idx" ON "case_enterprises" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_enterprises_credit_code_idx" ON "case_enterprises" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "case_logistics_case_idx" ON "case_logistics" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_persons_case_idx" ON "case_persons" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_persons_phone_idx" ON "case_persons" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "case_sites_case_idx" ON "case_sites" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_sites_address_idx" ON "case_sites" USING btree ("address");--> statement-breakpoint
CREATE INDEX "case_test_purchases_case_idx" ON "case_test_purchases" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "cases_platform_created_idx" ON "cases" USING btree ("platform_organisation_id","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_agency_created_idx" ON "cases" USING btree ("target_agency_id","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_status_created_idx" ON "cases" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_category_created_idx" ON "cases" USING btree ("category","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_province_created_idx" ON "cases" USING btree ("province_code","created_at","id");--> statement-breakpoint
CREATE INDEX "custody_events_evidence_idx" ON "custody_events" USING btree ("evidence_id","occurred_at");--> statement-breakpoint
CREATE INDEX "evidence_files_case_idx" ON "evidence_files" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "evidence_files_sha_idx" ON "evidence_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "outbox_messages_created_idx" ON "outbox_messages" USING btree ("created_at");