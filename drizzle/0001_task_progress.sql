CREATE TABLE "task_progress" (
	"project_id" uuid NOT NULL,
	"task_id" varchar(20) NOT NULL,
	"status" varchar(12) NOT NULL,
	"note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_progress_project_id_task_id_pk" PRIMARY KEY("project_id","task_id"),
	CONSTRAINT "task_progress_status_check" CHECK ("task_progress"."status" IN ('todo','in_progress','done','blocked'))
);
--> statement-breakpoint
ALTER TABLE "task_progress" ADD CONSTRAINT "task_progress_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;