'use client'

import { createClient } from '@/lib/supabase/client'

export function ProductImageUpload({ productId }: { productId: string }) {
  const supabase = createClient()

  async function upload(file: File) {
    const path = `${productId}/${Date.now()}-${file.name}`
    const { error } = await supabase.storage.from('product-images').upload(path, file, { contentType: file.type })
    if (error) throw error
    await supabase.from('products').update({ image_path: path }).eq('id', productId)
  }

  return <input type="file" accept="image/png,image/jpeg,image/webp" onChange={(e) => e.target.files && upload(e.target.files[0])} />
}
