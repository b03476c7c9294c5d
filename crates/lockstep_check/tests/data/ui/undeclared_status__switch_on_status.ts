export async function setStatus(id: string, status: string) {
  const res = await fetch(`/api/orders/${id}`, {
    method: 'PATCH',
    body: JSON.stringify({ status }),
  })
  switch (res.status) {
    case 200:
      return 'saved'
    case 409:
      return 'conflict'
    case 422:
      return 'invalid'
  }
}
