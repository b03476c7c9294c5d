#!/usr/bin/env bash
# Copies the in-sync shop to DEST and applies a realistic series of AI edits that drift from
# the contract, each as a small change a model would plausibly make. `lockstep check DEST`
# then reports every one of them at its file and line.
#
#   bash examples/drift.sh /tmp/shop-drifted && cargo run -- check /tmp/shop-drifted
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dest="${1:?usage: drift.sh DEST}"
rm -rf "$dest"
cp -R "$here/shop" "$dest"
cd "$dest"

# 1. "Rename full_name to display_name, it reads better": a migration, but the account action
#    and the contract are left behind.
cat > supabase/migrations/20240501090000_rename_full_name.sql <<'SQL'
alter table public.profiles rename column full_name to display_name;
SQL

# 2. "Orders can be disputed now": the enum grows in the database only.
cat > supabase/migrations/20240502090000_disputes.sql <<'SQL'
alter type public.order_status add value 'disputed';
alter table public.orders add column dispute_reason text;
SQL

# 3. "Let customers edit any of their orders": the policy is loosened by hand.
cat > supabase/migrations/20240503090000_relax_order_edits.sql <<'SQL'
drop policy "Customers edit pending orders" on public.orders;
create policy "Customers edit pending orders" on public.orders
  for update to authenticated using (customer_id = auth.uid());
SQL

# 4. A component written from the API types: camelCase columns and a guessed column name.
sed -i.bak "s/'id, name, price_cents, currency, image_path, category:categories(slug, name)'/'id, name, priceCents, currency, image_url, category:categories(slug, name)'/" app/products/page.tsx

# 5. A new page queries a table that was never created, and a bucket with the wrong name.
cat > app/products/wishlist.tsx <<'TSX'
'use client'
import { createClient } from '@/lib/supabase/client'

export async function addToWishlist(productId: string) {
  const supabase = createClient()
  await supabase.from('wishlists').insert({ product_id: productId })
  const { data } = supabase.storage.from('product_images').getPublicUrl(`${productId}.png`)
  return data.publicUrl
}
TSX

# 6. "Show the Stripe key status on the orders page": a secret read in client code, and a
#    feature flag nobody declared.
sed -i.bak "s|  const supabase = createClient()|  const supabase = createClient()\n  const stripeConfigured = Boolean(process.env.STRIPE_SECRET_KEY)\n  const beta = process.env.NEXT_PUBLIC_ORDERS_BETA === 'true'|" app/orders/page.tsx

# 7. Production loses the webhook secret; staging's Supabase URL loses its scheme.
sed -i.bak '/^STRIPE_WEBHOOK_SECRET/d' .env.production
sed -i.bak 's|^NEXT_PUBLIC_SUPABASE_URL=https://|NEXT_PUBLIC_SUPABASE_URL=|' .env.staging

# 8. The checkout call follows a route the model imagined, and cancelling an order now POSTs,
#    while the form sends an order status the enum never had.
sed -i.bak "s|fetch('/api/checkout'|fetch('/api/checkouts'|; s|{ method: 'DELETE' }|{ method: 'POST' }|" components/CheckoutButton.tsx
sed -i.bak "s/update({ status: 'cancelled'/update({ status: 'canceled'/" app/orders/page.tsx

# 9. "Return the deleted order, it is handy": DELETE now answers 200 with a body where the
#    contract (and every caller) expects 204; a route nobody declared appears.
sed -i.bak "s|return new NextResponse(null, { status: 204 })|return NextResponse.json(order)|" 'app/api/orders/[id]/route.ts'
mkdir -p app/api/orders/export
cat > app/api/orders/export/route.ts <<'TS'
import { NextResponse } from 'next/server'

export async function GET() {
  return NextResponse.json({ csv: '' })
}
TS

# 10. "The webhook fails locally, parse the JSON directly": the signature check and the
#     duplicate-delivery guard are gone.
sed -i.bak "s|event = stripe.webhooks.constructEvent(payload, signature, process.env.STRIPE_WEBHOOK_SECRET!, 300)|event = JSON.parse(payload) as Stripe.Event|; /webhook_events/d; /seen?.code/d" app/api/webhooks/stripe/route.ts

# 11. "Handle the empty last page": the caller expects a 204 the products endpoint never sends.
sed -i.bak "s|  return res.json()|  if (res.status === 204) return { data: [], nextCursor: null }\n  return res.json()|" components/CheckoutButton.tsx

# 12. "The API returns the list directly now" (it does not): the envelope is treated as an array.
sed -i.bak "s|.then((json) => setOrders(json.data))|.then((json) => setOrders(json))|" components/RecentOrders.tsx

# 13. "Show the tracking number": read in the page, never selected (and no such column).
sed -i.bak "s|{order.status} — |{order.status} ({order.tracking_number}) — |" app/orders/page.tsx

# 14. The rpc argument is renamed to camelCase like the rest of the code.
sed -i.bak "s|rpc('order_item_count', { order_id: id })|rpc('order_item_count', { orderId: id })|" app/orders/page.tsx

# 15. "Simplify the orders API": the handler now sends the rows bare; the contract (and the
#     account menu) expect `{ data }`.
sed -i.bak "s|return NextResponse.json({ data: data ?? \[\] })|return NextResponse.json(data ?? [])|" app/api/orders/route.ts

# 16. "Reviews get a title": the handler reads a field the contract's body does not have.
sed -i.bak "s|const { productId, rating, body } = await request.json()|const { productId, rating, body, title } = await request.json()|" app/api/reviews/route.ts

rm -f app/api/orders/route.ts.bak app/api/reviews/route.ts.bak components/RecentOrders.tsx.bak app/api/webhooks/stripe/route.ts.bak 'app/api/orders/[id]/route.ts.bak' components/CheckoutButton.tsx.bak app/products/page.tsx.bak app/orders/page.tsx.bak .env.production.bak .env.staging.bak
echo "drifted copy written to $dest"
