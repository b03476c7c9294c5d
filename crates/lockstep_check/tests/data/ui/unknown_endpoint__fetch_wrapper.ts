const request = (path: string, options: RequestInit = {}) =>
  fetch('/api' + path, { credentials: 'include', ...options }).then((r) => r.json())

export function deleteCustomer(id: string) {
  return request(`/customer/${id}`, { method: 'DELETE' })
}

export function orders() {
  return request('/orders')
}
