-- Tandem data model (PostgreSQL 17). Every row a team owns carries workspace_id.

CREATE TYPE membership_role AS ENUM ('owner', 'admin', 'member');
CREATE TYPE task_status AS ENUM ('open', 'done');

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         varchar(320) NOT NULL UNIQUE,
  name          varchar(120) NOT NULL,
  password_hash text NOT NULL,
  time_zone     varchar(64) NOT NULL DEFAULT 'UTC',
  daily_digest  boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workspaces (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       varchar(80) NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role         membership_role NOT NULL DEFAULT 'member',
  joined_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE invitations (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  email        varchar(320) NOT NULL,
  token_hash   bytea NOT NULL UNIQUE,
  invited_by   uuid NOT NULL REFERENCES users (id),
  expires_at   timestamptz NOT NULL,
  accepted_at  timestamptz,
  revoked_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tasks (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  title        varchar(200) NOT NULL,
  notes        text,
  status       task_status NOT NULL DEFAULT 'open',
  assignee_id  uuid,
  due_on       date,
  created_by   uuid NOT NULL REFERENCES users (id),
  completed_by uuid REFERENCES users (id),
  completed_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  -- The assignee must belong to the task's own workspace; removing the member unassigns the task.
  CONSTRAINT tasks_assignee_is_member
    FOREIGN KEY (workspace_id, assignee_id) REFERENCES memberships (workspace_id, user_id)
    ON DELETE SET NULL (assignee_id),
  CONSTRAINT tasks_done_has_completion CHECK ((status = 'done') = (completed_at IS NOT NULL))
);

CREATE INDEX tasks_open_by_due ON tasks (workspace_id, due_on) WHERE status = 'open';
CREATE INDEX tasks_by_assignee ON tasks (assignee_id, due_on) WHERE status = 'open';

CREATE TABLE comments (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_id    uuid NOT NULL,
  author_id  uuid NOT NULL REFERENCES users (id),
  body       varchar(5000) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE comments
  ADD CONSTRAINT comments_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE;

CREATE INDEX comments_by_task ON comments (task_id, created_at);
