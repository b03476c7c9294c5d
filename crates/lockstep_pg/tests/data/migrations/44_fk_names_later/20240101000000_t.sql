create table teams (id uuid primary key, name text not null);
create table players (id uuid primary key, team_id uuid, captain_of uuid, name text not null);
alter table players add constraint fk_players_team foreign key (team_id) references teams (id) on delete cascade;
alter table players add foreign key (captain_of) references teams on delete set null;
alter table teams add column captain_id uuid references players (id);
