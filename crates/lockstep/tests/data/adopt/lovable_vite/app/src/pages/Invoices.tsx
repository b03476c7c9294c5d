import { useEffect, useState } from 'react';
import { supabase } from '@/integrations/supabase/client';

export default function Invoices() {
  const [invoices, setInvoices] = useState<any[]>([]);

  useEffect(() => {
    const load = async () => {
      const { data, error } = await supabase
        .from('invoices')
        .select('id, number, status, total_cents, due_date, notes, clients(name, tier)')
        .eq('status', 'sent')
        .order('due_date', { ascending: true });
      if (!error && data) setInvoices(data);
    };
    load();
  }, []);

  const markPaid = async (id: string) => {
    await supabase.from('invoices').update({ status: 'paid' }).eq('id', id);
    await supabase.from('activity_log').insert({ action: 'invoice.paid', invoice_id: id });
  };

  const search = async (query: string) => {
    const { data } = await supabase.rpc('search_invoices', { query, max_rows: 10 });
    return data;
  };

  return (
    <ul>
      {invoices.map((invoice) => (
        <li key={invoice.id} onClick={() => markPaid(invoice.id)}>
          {invoice.number} {invoice.clients?.name} {invoice.total_cents / 100}
        </li>
      ))}
    </ul>
  );
}
