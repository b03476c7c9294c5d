alter type deal_stage rename value 'won' to 'closed_won';
alter type deal_stage rename value 'lost' to 'closed_lost';
