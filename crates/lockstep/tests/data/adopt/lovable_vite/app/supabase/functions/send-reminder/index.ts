import { serve } from "https://deno.land/std@0.168.0/http/server.ts";
import { createClient } from "https://esm.sh/@supabase/supabase-js@2";

serve(async (req) => {
  const supabase = createClient(Deno.env.get("SUPABASE_URL")!, Deno.env.get("SUPABASE_SERVICE_ROLE_KEY")!);
  const { invoiceId } = await req.json();
  const { data: invoice } = await supabase.from("invoices").select("id, number").eq("id", invoiceId).single();
  if (!invoice) {
    return new Response(JSON.stringify({ error: "not found" }), { status: 404 });
  }
  return new Response(JSON.stringify({ sent: true, number: invoice.number }), { status: 200 });
});
