export const one = (id: string) => fetch(`/api/orders/${id}`)
