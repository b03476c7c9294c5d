'use client'

export async function loadCustomer(id: string) {
  const res = await fetch(`/api/customers/${id}`)
  if (!res.ok) {
    const { error } = await res.json()
    throw new Error(error)
  }
  const customer = await res.json()
  return customer.full_name
}
