import Link from 'next/link'
import { createClient } from '@/lib/supabase/server'

export default async function ProductsPage({ searchParams }: { searchParams: Promise<{ category?: string }> }) {
  const { category } = await searchParams
  const supabase = await createClient()

  let query = supabase
    .from('products')
    .select('id, name, price_cents, currency, image_path, category:categories(slug, name)')
    .eq('status', 'active')
    .order('created_at', { ascending: false })
    .limit(24)

  const { data: products, error } = await query
  if (error) throw error

  const { data: categories } = await supabase.from('categories').select('slug, name').order('name')

  return (
    <main>
      <nav>
        {categories?.map((c) => (
          <Link key={c.slug} href={`/products?category=${c.slug}`}>{c.name}</Link>
        ))}
      </nav>
      <ul>
        {products?.map((p) => (
          <li key={p.id}>
            <Link href={`/products/${p.id}`}>{p.name}</Link> {(p.price_cents / 100).toFixed(2)} {p.currency}
          </li>
        ))}
      </ul>
      {category ? <p>Filtered by {category}</p> : null}
    </main>
  )
}
