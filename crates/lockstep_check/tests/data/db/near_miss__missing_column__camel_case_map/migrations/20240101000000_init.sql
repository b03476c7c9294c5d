create table profiles (id uuid primary key, "fullName" text);
