import { serve } from "https://deno.land/std@0.168.0/http/server.ts";

const corsHeaders = { "Access-Control-Allow-Origin": "*" };

serve(async (req) => {
  if (req.method === "OPTIONS") return new Response("ok", { headers: corsHeaders });
  const action = new URL(req.url).searchParams.get("action");
  if (req.method === "GET" && action === "list") {
    return new Response(JSON.stringify({ actions: ["void", "resend"] }), { status: 200, headers: corsHeaders });
  }
  if (req.method === "POST" && action === "void") {
    return new Response(JSON.stringify({ voided: true }), { status: 200, headers: corsHeaders });
  }
  return new Response(JSON.stringify({ error: "unknown action" }), { status: 400, headers: corsHeaders });
});
