alter type deal_stage add value 'proposal' after 'qualified';
