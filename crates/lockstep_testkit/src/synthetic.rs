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
            sql.push_str("create type public.status as enum ('draft', 'active', 'archived');\n");
            sql.push_str("create table public.projects (id uuid primary key default gen_random_uuid(), owner_id uuid not null, name text not null, status public.status not null default 'draft', budget numeric not null default 0, created_at timestamptz not null default now());\n");
            sql.push_str("create table public.tasks (id uuid primary key default gen_random_uuid(), project_id uuid not null references public.projects (id) on delete cascade, title text not null, done boolean not null default false, due_on date);\n");
            written += 3;
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

/// A contract in step with [`migrations`]`(files, statements_per_file)`: one entity per
/// generated table, with its rules, plus the entities the synthetic components use.
pub fn migrations_contract(files: usize, statements_per_file: usize) -> String {
    let tables = migrations(files, statements_per_file)
        .iter()
        .map(|(_, sql)| sql.matches("create table public.t").count() - sql.matches("create table public.tasks").count())
        .sum::<usize>();
    let mut out = String::from(APP_CONTRACT);
    for t in 0..tables {
        let parent = if t % 7 == 6 && t + 1 < tables {
            format!("\n  parentId  uuid?        -> T{}.id on delete set null", t + 1)
        } else {
            String::new()
        };
        let write_rule = if t % 7 == 6 && t + 1 < tables {
            String::new()
        } else {
            "\n  allow insert to authenticated when ownerId == auth.uid".to_owned()
        };
        let _ = write!(
            out,
            "\nentity T{t} @map(\"t{t}\") {{\n  id        uuid          @id @default(random)\n  ownerId   uuid          -> auth.users.id on delete cascade\n  name      text\n  amount    numeric(12, 2) = 0 @check(`amount >= 0`)\n  status    Status        = draft\n  createdAt timestamptz   @default(now)\n  remark    text?         = \"\"{parent}\n\n  allow select to authenticated when ownerId == auth.uid{write_rule}\n}}\n"
        );
    }
    out
}

/// The contract the synthetic app's components are written against.
pub const APP_CONTRACT: &str = "enum Status { draft active archived }

entity Project {
  id        uuid        @id @default(random)
  ownerId   uuid
  name      text
  status    Status      = draft
  budget    numeric     = 0
  createdAt timestamptz @default(now)
}

entity Task {
  id        uuid        @id @default(random)
  projectId uuid        -> Project.id on delete cascade
  title     text
  done      bool        = false
  dueOn     date?
}

bucket attachments {
  private
}
";

/// One realistic React component of about 100 lines: supabase-js queries with embeds,
/// filters and payloads, a `fetch` call, state, and markup. `n` varies names and literals.
pub fn component(n: usize) -> String {
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "'use client'\n\
         import {{ useEffect, useState }} from 'react'\n\
         import {{ createClient }} from '@/lib/supabase/client'\n\n\
         type Row{n} = {{ id: string; name: string; status: string; tasks: {{ title: string; done: boolean }}[] }}\n\n\
         export default function Projects{n}({{ ownerId }}: {{ ownerId: string }}) {{\n\
         \x20 const supabase = createClient()\n\
         \x20 const [rows, setRows] = useState<Row{n}[]>([])\n\
         \x20 const [query, setQuery] = useState('')\n\
         \x20 const [loading, setLoading] = useState(false)\n\n\
         \x20 useEffect(() => {{\n\
         \x20   setLoading(true)\n\
         \x20   supabase\n\
         \x20     .from('projects')\n\
         \x20     .select('id, name, status, budget, tasks(title, done, due_on)')\n\
         \x20     .eq('owner_id', ownerId)\n\
         \x20     .ilike('name', `%${{query}}%`)\n\
         \x20     .order('created_at', {{ ascending: false }})\n\
         \x20     .range(0, {limit})\n\
         \x20     .then(({{ data }}) => {{\n\
         \x20       setRows((data as Row{n}[]) ?? [])\n\
         \x20       setLoading(false)\n\
         \x20     }})\n\
         \x20 }}, [ownerId, query])\n\n\
         \x20 async function add(name: string) {{\n\
         \x20   const {{ error }} = await supabase.from('projects').insert({{ owner_id: ownerId, name, status: 'draft' }})\n\
         \x20   if (error) throw error\n\
         \x20 }}\n\n\
         \x20 async function complete(taskId: string) {{\n\
         \x20   await supabase.from('tasks').update({{ done: true }}).eq('id', taskId)\n\
         \x20   const res = await fetch(`/api/projects/${{taskId}}/activity`, {{ method: 'POST' }})\n\
         \x20   if (!res.ok) throw new Error('activity failed')\n\
         \x20 }}\n\n\
         \x20 async function attach(file: File) {{\n\
         \x20   await supabase.storage.from('attachments').upload(`{n}/${{file.name}}`, file)\n\
         \x20 }}\n\n",
        limit = 10 + n % 40
    );
    for line in 0..12 {
        let _ = writeln!(
            out,
            "  const label{line} = rows.filter((r) => r.status === '{}').length + {line}",
            ["draft", "active", "archived"][line % 3]
        );
    }
    let _ = write!(
        out,
        "\n  return (\n    <section>\n      <input value={{query}} onChange={{(e) => setQuery(e.target.value)}} />\n      {{loading ? <p>Loading…</p> : null}}\n      <ul>\n"
    );
    for item in 0..8 {
        let _ = writeln!(
            out,
            "        {{rows.slice({item}, {next}).map((row) => (\n          <li key={{row.id}} className=\"item-{item}\">\n            <strong>{{row.name}}</strong> {{row.tasks.filter((t) => t.done).length}}/{{row.tasks.length}}\n            <button onClick={{() => add(row.name + ' copy')}}>Duplicate</button>\n          </li>\n        ))}}",
            next = item + 1
        );
    }
    out.push_str("      </ul>\n      <p>{label0 + label1 + label2}</p>\n    </section>\n  )\n}\n");
    out
}

/// An OpenAPI 3.1 document (JSON) of `resources` resources, each with GET (list), POST and GET
/// by id (three operations) and a schema of a dozen fields, with descriptions of realistic length.
pub fn openapi_spec(resources: usize) -> String {
    let mut out =
        String::from("{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"big\", \"version\": \"1\"}, \"paths\": {");
    for i in 0..resources {
        if i > 0 {
            out.push(',');
        }
        let description = "A resource of the generated API, described at some length as real specs are. ".repeat(4);
        let _ = write!(
            out,
            "\"/r{i}\": {{\"get\": {{\"description\": \"{description}\", \"parameters\": [{{\"name\": \"limit\", \"in\": \"query\", \"schema\": {{\"type\": \"integer\"}}}}], \"responses\": {{\"200\": {{\"description\": \"ok\", \"content\": {{\"application/json\": {{\"schema\": {{\"type\": \"array\", \"items\": {{\"$ref\": \"#/components/schemas/R{i}\"}}}}}}}}}}}}}}, \"post\": {{\"description\": \"{description}\", \"requestBody\": {{\"required\": true, \"content\": {{\"application/json\": {{\"schema\": {{\"$ref\": \"#/components/schemas/R{i}\"}}}}}}}}, \"responses\": {{\"201\": {{\"description\": \"created\"}}}}}}}}, \"/r{i}/{{id}}\": {{\"get\": {{\"description\": \"{description}\", \"parameters\": [{{\"name\": \"id\", \"in\": \"path\", \"required\": true, \"schema\": {{\"type\": \"string\", \"format\": \"uuid\"}}}}], \"responses\": {{\"200\": {{\"description\": \"ok\", \"content\": {{\"application/json\": {{\"schema\": {{\"$ref\": \"#/components/schemas/R{i}\"}}}}}}}}, \"404\": {{\"description\": \"missing\"}}}}}}}}"
        );
    }
    out.push_str("}, \"components\": {\"schemas\": {");
    for i in 0..resources {
        if i > 0 {
            out.push(',');
        }
        let fields: Vec<String> = (0..12)
            .map(|f| {
                format!(
                    "\"field{f}\": {{\"type\": \"{}\", \"description\": \"Field {f} of resource {i}.\"}}",
                    ["string", "integer", "boolean"][f % 3]
                )
            })
            .collect();
        let _ = write!(
            out,
            "\"R{i}\": {{\"type\": \"object\", \"required\": [\"field0\"], \"properties\": {{{}}}}}",
            fields.join(", ")
        );
    }
    out.push_str("}}}");
    out
}
