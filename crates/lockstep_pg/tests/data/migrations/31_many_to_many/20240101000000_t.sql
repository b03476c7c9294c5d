create table students (id uuid primary key default gen_random_uuid(), name text not null);
create table courses (id uuid primary key default gen_random_uuid(), code varchar(12) not null unique, title text not null);
create table enrollments (
  student_id uuid references students (id) on delete cascade,
  course_id uuid references courses (id) on delete cascade,
  enrolled_at timestamptz not null default now(),
  grade char(2),
  primary key (student_id, course_id)
);
create index enrollments_course_idx on enrollments (course_id);
