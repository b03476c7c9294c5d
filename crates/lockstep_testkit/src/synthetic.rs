//! Synthetic apps for benchmarks: folders of realistic migrations, generated deterministically.

use std::fmt::Write;

/// `files` migration files of about `statements_per_file` statements each: tables created,
/// altered, indexed, secured with policies, enums extended, and data inserted (which the
/// replay skips), as an app's history accumulates them. Returns `(file name, SQL)` pairs.
pub fn migrations(files: usize, statements_per_file: usize) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(files);
    let mut tables = 0usize;
    for file in 0..files {
        let mut sql = String::new();
        let mut written = 0;
        if file == 0 {
            sql.push_str("create type public.status as enum ('draft', 'active');\n");
            written += 1;
        }
        while written < statements_per_file {
            let t = tables;
            tables += 1;
            let _ = write!(
                sql,
                "create table public.t{t} (\n  id uuid primary key default gen_random_uuid(),\n  owner_id uuid not null references auth.users (id) on delete cascade,\n  name text not null,\n  amount numeric(12, 2) not null default 0 check (amount >= 0),\n  status public.status not null default 'draft',\n  created_at timestamptz not null default now()\n);\n\
                 alter table public.t{t} enable row level security;\n\
                 create policy \"owners read {t}\" on public.t{t} for select to authenticated using (owner_id = (select auth.uid()));\n\
                 create policy \"owners write {t}\" on public.t{t} for insert to authenticated with check (owner_id = auth.uid());\n\
                 create index t{t}_owner_idx on public.t{t} (owner_id, created_at);\n\
                 alter table public.t{t} add column note text;\n\
                 alter table public.t{t} alter column note set default '';\n\
                 comment on table public.t{t} is 'table {t}';\n\
                 insert into public.t{t} (owner_id, name) select id, email from auth.users limit 0;\n\
                 alter table public.t{t} rename column note to remark;\n"
            );
            written += 10;
            if t > 0 && t % 7 == 0 {
                let _ = writeln!(
                    sql,
                    "alter table public.t{} add column parent_id uuid references public.t{t} (id) on delete set null;",
                    t - 1
                );
                let _ = writeln!(sql, "drop policy \"owners write {}\" on public.t{};", t - 1, t - 1);
                written += 2;
            }
        }
        out.push((format!("{:014}_migration_{file}.sql", 20_240_101_000_000u64 + file as u64), sql));
    }
    out
}
