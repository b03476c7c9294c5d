import axios from 'axios'

export const update = (id: string) => axios.put(`/api/orders/${id}`, { note: 'x' })
