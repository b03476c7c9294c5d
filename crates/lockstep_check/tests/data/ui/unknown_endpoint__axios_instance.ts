import axios from 'axios'

const api = axios.create({ baseURL: '' })
export const stats = () => api.get('/api/stats')
