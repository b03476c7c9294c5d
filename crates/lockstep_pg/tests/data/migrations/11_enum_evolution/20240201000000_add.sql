alter type ticket_state add value 'in_progress' after 'open';
alter type ticket_state add value 'blocked' before 'closed';
alter type ticket_state add value if not exists 'open';
alter type ticket_state add value 'archived';
alter type ticket_state rename value 'closed' to 'done';
