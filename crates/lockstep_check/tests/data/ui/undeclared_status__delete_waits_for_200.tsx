'use client'

export function CancelButton({ id }: { id: string }) {
  async function cancel() {
    const res = await fetch(`/api/orders/${id}`, { method: 'DELETE' })
    if (res.status === 200) {
      alert('Cancelled')
    }
  }
  return <button onClick={cancel}>Cancel</button>
}
