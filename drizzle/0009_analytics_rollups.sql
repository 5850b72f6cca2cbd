CREATE TABLE "analytics_daily" (
	"metric" varchar(30) NOT NULL,
	"day" date NOT NULL,
	"value" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_daily_metric_day_pk" PRIMARY KEY("metric","day"),
	CONSTRAINT "analytics_daily_metric_check" CHECK ("analytics_daily"."metric" in ('users', 'clips', 'votes', 'comments', 'active_users'))
);
--> statement-breakpoint
CREATE TABLE "analytics_snapshots" (
	"name" varchar(30) PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_snapshots_name_check" CHECK ("analytics_snapshots"."name" in ('overview', 'content'))
);
