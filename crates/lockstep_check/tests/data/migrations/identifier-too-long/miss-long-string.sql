create table t (id int, note text default 'a default value that is longer than sixty-three bytes, and is no name');
