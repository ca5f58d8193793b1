-- The hub's schema, one script for H2 and PostgreSQL alike: only types both know (varchar, text, bytea,
-- integer, bigint, timestamp with time zone), no large objects.
--
-- A database written by a hub from before migrations (Hibernate made its tables) is baselined at version 0
-- and comes through this script too: its engines table is kept (engine ids are never reused) and brought to
-- this shape, its tasks table, whose columns differ, is kept aside as tasks_before_v1.

-- Every engine the hub ever registered (io.jparallel.hub.registration.EngineRecord).
create table if not exists engines (
    id integer not null,
    uuid varchar(128) not null,
    hostname varchar(255),
    pid bigint,
    state varchar(16) not null,
    registered_at timestamp(6) with time zone,
    last_heartbeat timestamp(6) with time zone,
    unregistered_at timestamp(6) with time zone,
    properties text,
    constraint engines_pk primary key (id),
    constraint engines_uuid_uk unique (uuid)
);

-- an engines table from before engine properties has no such column; Hibernate made it a CLOB after
alter table engines add column if not exists properties text;
alter table engines alter column properties set data type text;

alter table if exists tasks rename to tasks_before_v1;

-- One request and its reply (io.jparallel.hub.audit.TaskRecord): id is the request's msg id, or
-- msgId@engineId for each engine of a broadcast.
create table tasks (
    id varchar(300) not null,
    msg_id varchar(255) not null,
    msg_type varchar(64),
    queue varchar(16),
    header text,
    metadata text,
    content text,
    request_bytes bytea,
    request_size bigint,
    submitted timestamp(6) with time zone,
    client_uuid varchar(255),
    username varchar(255),
    label text,
    execute_input text,
    target text,
    engine_id integer,
    engine_uuid varchar(255),
    started timestamp(6) with time zone,
    completed timestamp(6) with time zone,
    received timestamp(6) with time zone,
    resubmitted varchar(300),
    result_header text,
    result_metadata text,
    result_content text,
    reply_bytes bytea,
    result_size bigint,
    status varchar(16) not null,
    ename text,
    error text,
    stdout text,
    stderr text,
    execute_result text,
    recorded_at timestamp(6) with time zone not null,
    constraint tasks_pk primary key (id)
);

-- the records of one request; retention (oldest first); history (submission order); by engine
create index tasks_by_msg_id on tasks (msg_id);
create index tasks_by_recorded_at on tasks (recorded_at, id);
create index tasks_by_submitted on tasks (submitted);
create index tasks_by_engine_id on tasks (engine_id);
