import Link from 'next/link'
import { supabase } from '../../lib/supabase'

export default async function PostsPage() {
  const { data: posts } = await supabase
    .from('Post')
    .select('id, title, viewCount, createdAt, author:User(displayName)')
    .eq('published', true)
    .order('createdAt', { ascending: false })

  return (
    <ul>
      {posts?.map((post) => (
        <li key={post.id}>
          <Link href={`/posts/${post.id}`}>{post.title}</Link> ({post.viewCount} views)
        </li>
      ))}
    </ul>
  )
}
