import axios from 'axios'

export const archive = (id: string) => axios.post(`/api/orders/${id}/archive`)
