create table t ("a column name that goes on and on and on past what postgres keeps!" int);
