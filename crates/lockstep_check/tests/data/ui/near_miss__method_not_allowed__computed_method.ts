// The method is computed: which one is sent is not known, so it is not judged.
export async function save(id: string, removing: boolean) {
  return fetch(`/api/orders/${id}`, { method: removing ? 'DELETE' : 'PATCH' })
}

export async function send(id: string, method: string) {
  return fetch(`/api/orders/${id}`, { method, body: '{}' })
}
