CREATE TYPE "public"."map_layer" AS ENUM('gang', 'factory');--> statement-breakpoint
CREATE TYPE "public"."statistics_grain" AS ENUM('day', 'month');--> statement-breakpoint
CREATE TYPE "public"."blacklist_basis" AS ENUM('stores_closed', 'convicted');--> statement-breakpoint
CREATE TYPE "public"."blacklist_correction_kind" AS ENUM('amended', 'removed', 'added');--> statement-breakpoint
CREATE TYPE "public"."blacklist_entry_status" AS ENUM('proposed', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."blacklist_version_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TABLE "joint_operation_agencies" (
	"joint_operation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	CONSTRAINT "joint_operation_agencies_joint_operation_id_agency_id_pk" PRIMARY KEY("joint_operation_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "stats_brand_rollup" (
	"grain" "statistics_grain" NOT NULL,
	"level" smallint DEFAULT 0 NOT NULL,
	"period_start" date NOT NULL,
	"platform_organisation_id" uuid NOT NULL,
	"agency_id" uuid,
	"category" "goods_category",
	"province_code" varchar(6),
	"joint_operation_id" uuid,
	"brand" text NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_brand_rollup_key" UNIQUE NULLS NOT DISTINCT("level","grain","period_start","platform_organisation_id","agency_id","category","province_code","joint_operation_id","brand")
);
--> statement-breakpoint
CREATE TABLE "stats_case_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"platform_organisation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"category" "goods_category" NOT NULL,
	"province_code" varchar(6),
	"city_code" varchar(6),
	"joint_operation_id" uuid,
	"referred_on" date NOT NULL,
	"accepted" boolean DEFAULT false NOT NULL,
	"raided" boolean DEFAULT false NOT NULL,
	"prosecuted" boolean DEFAULT false NOT NULL,
	"convicted" boolean DEFAULT false NOT NULL,
	"seized_value_yuan" numeric(18, 2) DEFAULT '0' NOT NULL,
	"detained" integer DEFAULT 0 NOT NULL,
	"arrested" integer DEFAULT 0 NOT NULL,
	"stores_closed" integer DEFAULT 0 NOT NULL,
	"accounts_banned" integer DEFAULT 0 NOT NULL,
	"brands" text[] DEFAULT '{}'::text[] NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_case_rollup" (
	"grain" "statistics_grain" NOT NULL,
	"level" smallint DEFAULT 0 NOT NULL,
	"period_start" date NOT NULL,
	"platform_organisation_id" uuid NOT NULL,
	"agency_id" uuid,
	"category" "goods_category",
	"province_code" varchar(6),
	"joint_operation_id" uuid,
	"referred" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"raided" integer DEFAULT 0 NOT NULL,
	"prosecuted" integer DEFAULT 0 NOT NULL,
	"convicted" integer DEFAULT 0 NOT NULL,
	"seized_value_yuan" numeric(18, 2) DEFAULT '0' NOT NULL,
	"detained" integer DEFAULT 0 NOT NULL,
	"arrested" integer DEFAULT 0 NOT NULL,
	"stores_closed" integer DEFAULT 0 NOT NULL,
	"accounts_banned" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_case_rollup_key" UNIQUE NULLS NOT DISTINCT("level","grain","period_start","platform_organisation_id","agency_id","category","province_code","joint_operation_id")
);
--> statement-breakpoint
CREATE TABLE "stats_decision_rollup" (
	"grain" "statistics_grain" NOT NULL,
	"level" smallint DEFAULT 0 NOT NULL,
	"period_start" date NOT NULL,
	"platform_organisation_id" uuid NOT NULL,
	"agency_id" uuid,
	"category" "goods_category",
	"province_code" varchar(6),
	"joint_operation_id" uuid,
	"hours" integer NOT NULL,
	"referrals" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_decision_rollup_key" UNIQUE NULLS NOT DISTINCT("level","grain","period_start","platform_organisation_id","agency_id","category","province_code","joint_operation_id","hours")
);
--> statement-breakpoint
CREATE TABLE "stats_dirty_cases" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_map_rollup" (
	"grain" "statistics_grain" NOT NULL,
	"level" smallint DEFAULT 0 NOT NULL,
	"period_start" date NOT NULL,
	"platform_organisation_id" uuid NOT NULL,
	"agency_id" uuid,
	"category" "goods_category",
	"province_code" varchar(6),
	"joint_operation_id" uuid,
	"layer" "map_layer" NOT NULL,
	"place_province_code" varchar(6) NOT NULL,
	"place_city_code" varchar(6),
	"places" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_map_rollup_key" UNIQUE NULLS NOT DISTINCT("level","grain","period_start","platform_organisation_id","agency_id","category","province_code","joint_operation_id","layer","place_province_code","place_city_code")
);
--> statement-breakpoint
CREATE TABLE "stats_refresh_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cases_refreshed" bigint DEFAULT 0 NOT NULL,
	"last_duration_ms" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blacklist_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"corrected_version_id" uuid NOT NULL,
	"correcting_version_id" uuid NOT NULL,
	"entry_id" uuid,
	"kind" "blacklist_correction_kind" NOT NULL,
	"reason" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blacklist_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"blacklist_version_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"platform_action_id" uuid,
	"case_enterprise_id" uuid,
	"basis" "blacklist_basis" NOT NULL,
	"enterprise_name" text NOT NULL,
	"credit_code" varchar(18) DEFAULT '' NOT NULL,
	"province_code" varchar(6),
	"category" "goods_category" NOT NULL,
	"publishable_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "blacklist_entry_status" DEFAULT 'proposed' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"proposal_note" text DEFAULT '' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text DEFAULT '' NOT NULL,
	"published_values" jsonb,
	"carried_from_entry_id" uuid,
	"taken_on" date,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blacklist_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer,
	"quarter" varchar(7) NOT NULL,
	"status" "blacklist_version_status" DEFAULT 'draft' NOT NULL,
	"corrects_version_id" uuid,
	"publication_note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_off_by" uuid,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "blacklist_versions_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "joint_operations" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "joint_operations" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "joint_operations" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "joint_operations" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "joint_operation_agencies" ADD CONSTRAINT "joint_operation_agencies_joint_operation_id_joint_operations_id_fk" FOREIGN KEY ("joint_operation_id") REFERENCES "public"."joint_operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_operation_agencies" ADD CONSTRAINT "joint_operation_agencies_agency_id_organisations_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_case_facts" ADD CONSTRAINT "stats_case_facts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_dirty_cases" ADD CONSTRAINT "stats_dirty_cases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_corrections" ADD CONSTRAINT "blacklist_corrections_corrected_version_id_blacklist_versions_id_fk" FOREIGN KEY ("corrected_version_id") REFERENCES "public"."blacklist_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_corrections" ADD CONSTRAINT "blacklist_corrections_correcting_version_id_blacklist_versions_id_fk" FOREIGN KEY ("correcting_version_id") REFERENCES "public"."blacklist_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_corrections" ADD CONSTRAINT "blacklist_corrections_entry_id_blacklist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."blacklist_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_corrections" ADD CONSTRAINT "blacklist_corrections_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_blacklist_version_id_blacklist_versions_id_fk" FOREIGN KEY ("blacklist_version_id") REFERENCES "public"."blacklist_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_platform_action_id_platform_actions_id_fk" FOREIGN KEY ("platform_action_id") REFERENCES "public"."platform_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_case_enterprise_id_case_enterprises_id_fk" FOREIGN KEY ("case_enterprise_id") REFERENCES "public"."case_enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_versions" ADD CONSTRAINT "blacklist_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_versions" ADD CONSTRAINT "blacklist_versions_signed_off_by_users_id_fk" FOREIGN KEY ("signed_off_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "joint_operation_agencies_agency_idx" ON "joint_operation_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "stats_brand_rollup_agency_idx" ON "stats_brand_rollup" USING btree ("level","agency_id","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_brand_rollup_category_idx" ON "stats_brand_rollup" USING btree ("level","category","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_brand_rollup_province_idx" ON "stats_brand_rollup" USING btree ("level","province_code","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_case_facts_key_idx" ON "stats_case_facts" USING btree ("referred_on","agency_id","category","province_code");--> statement-breakpoint
CREATE INDEX "stats_case_rollup_agency_idx" ON "stats_case_rollup" USING btree ("level","agency_id","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_case_rollup_category_idx" ON "stats_case_rollup" USING btree ("level","category","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_case_rollup_province_idx" ON "stats_case_rollup" USING btree ("level","province_code","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_decision_rollup_agency_idx" ON "stats_decision_rollup" USING btree ("level","agency_id","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_decision_rollup_category_idx" ON "stats_decision_rollup" USING btree ("level","category","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_decision_rollup_province_idx" ON "stats_decision_rollup" USING btree ("level","province_code","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_map_rollup_agency_idx" ON "stats_map_rollup" USING btree ("level","agency_id","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_map_rollup_category_idx" ON "stats_map_rollup" USING btree ("level","category","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_map_rollup_province_idx" ON "stats_map_rollup" USING btree ("level","province_code","grain","period_start");--> statement-breakpoint
CREATE INDEX "stats_map_rollup_place_idx" ON "stats_map_rollup" USING btree ("level","place_province_code","grain","period_start");--> statement-breakpoint
CREATE INDEX "blacklist_corrections_corrected_idx" ON "blacklist_corrections" USING btree ("corrected_version_id");--> statement-breakpoint
CREATE INDEX "blacklist_entries_version_idx" ON "blacklist_entries" USING btree ("blacklist_version_id","status");--> statement-breakpoint
CREATE INDEX "blacklist_entries_case_idx" ON "blacklist_entries" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "blacklist_versions_one_draft_idx" ON "blacklist_versions" USING btree ("status") WHERE status = 'draft';--> statement-breakpoint
ALTER TABLE "joint_operations" ADD CONSTRAINT "joint_operations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_agency_status_updated_idx" ON "cases" USING btree ("target_agency_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "cases_joint_operation_idx" ON "cases" USING btree ("joint_operation_id","reference");--> statement-breakpoint
CREATE INDEX "cases_joint_operation_status_idx" ON "cases" USING btree ("joint_operation_id","status");--> statement-breakpoint
CREATE INDEX "case_outcomes_judgment_idx" ON "case_outcomes" USING btree ("judgment_on" DESC NULLS LAST);